package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.feedwatch.app.TopicSetup;
import io.feedwatch.testing.SharedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The staff dashboard in a real headless Chromium (Debian's chromium and chromium-driver packages): a clinic is picked
 * with the keyboard, its open alerts appear, a new alert arrives live and a resolved one leaves, and a participant's
 * 48 h timeline is drawn. Screenshots: streams/target/dashboard.png (desktop) and dashboard-tablet.png.
 */
@ExtendWith(SharedBroker.class)
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: the dashboard browser test needs Debian's chromium and chromium-driver "
                        + "(/usr/bin/chromium, /usr/bin/chromedriver): apt-get install -y chromium chromium-driver");
    }

    @Test
    void staffSeeTheirClinicsAlertsLiveAndAParticipantsTimeline(SharedBroker.Kafka kafka, @TempDir Path stateDir) throws IOException {
        TopicSetup.ensureTopics(kafka.clientProperties(), 3, (short) 1, Duration.ofSeconds(60));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String clinic = "clinic-" + suffix;
        String quiet = "p-quiet-" + suffix;
        String declining = "p-decline-" + suffix;
        String later = "p-later-" + suffix;
        try (FeedwatchServer server = FeedwatchServer.start(
                HttpApiTest.config(kafka.bootstrapServers(), stateDir, "feedwatch-dashboard-it-" + UUID.randomUUID()), false, null)) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + server.port(), null);
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/ready").status() == 200);
            api.put("/api/v1/participants/" + quiet, HttpApiTest.enrollment(quiet, clinic));
            // 20 days old (no gap rule), feeding eight times a day on 28 February, then only four times on 1 March
            api.put("/api/v1/participants/" + declining, """
                    {"participantId":"%s","clinicId":"%s","infantBirthDate":"2026-02-10","timeZone":"UTC",
                     "monitoringStart":"2026-02-28T00:00:00Z"}""".formatted(declining, clinic));
            List<String> events = new ArrayList<>();
            for (String start : List.of("2026-02-28T01:00:00Z", "2026-02-28T04:00:00Z", "2026-02-28T07:00:00Z", "2026-02-28T10:00:00Z",
                    "2026-02-28T13:00:00Z", "2026-02-28T16:00:00Z", "2026-02-28T19:00:00Z", "2026-02-28T22:00:00Z",
                    "2026-03-01T02:00:00Z", "2026-03-01T07:00:00Z", "2026-03-01T12:00:00Z", "2026-03-01T18:00:00Z")) {
                events.add(HttpApiTest.event(declining + "-" + start, declining, start));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/participants/" + declining + "/status").status() == 200);
            assertThat(api.post("/api/v1/events", "[" + String.join(",", events) + "]").json().get("accepted").asInt()).isEqualTo(12);

            ChromeDriver browser = chromium();
            try {
                browser.get(server.url());
                WebElement input = browser.findElement(By.id("clinic"));
                input.sendKeys(clinic, Keys.ENTER);

                // the open alerts, newest first
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cards(browser))
                        .containsSubsequence(declining + " Too few sessions", quiet + " Too few sessions", quiet + " Long gap"));
                assertThat(browser.findElement(By.id("connection")).getText()).startsWith("Live");
                assertThat(alertText(browser, quiet, "UNDER_FREQUENCY")).contains("0 milk-removal sessions recorded in the 24 hours");

                // a participant enrolled now, quiet from the start, is alerted while the page is open...
                api.put("/api/v1/participants/" + later, HttpApiTest.enrollment(later, clinic));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(cards(browser)).contains(later + " Too few sessions");
                    assertThat(browser.findElement(By.id("announcer")).getAttribute("textContent")).contains("New alert for " + later);
                });
                // ...and her low-frequency alert leaves the list when eight sessions arrive for 1 March
                List<String> resumed = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    resumed.add(HttpApiTest.event(later + "-" + i, later, Instant.parse("2026-03-01T01:00:00Z").plus(Duration.ofHours(2L * i)).toString()));
                }
                api.post("/api/v1/events", "[" + String.join(",", resumed) + "]");
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cards(browser)).doesNotContain(later + " Too few sessions"));

                // the declining participant's last 48 hours
                browser.findElement(By.cssSelector("li[data-participant-id='" + declining + "'] button.who")).click();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(browser.findElements(By.cssSelector("#timeline circle.session-dot"))).hasSize(12));
                assertThat(browser.findElement(By.id("detail-summary")).getText()).contains("Sessions in the last 24 h\n4 (guidance: at least 8)");
                assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("detail-heading");

                screenshot(browser, 1280, "dashboard.png");
                screenshot(browser, 768, "dashboard-tablet.png");
            } finally {
                browser.quit();
            }
        }
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-US",
                "--window-size=1280,1000", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Each alert card as "participant badge", read in one script so that a live update cannot interleave. */
    @SuppressWarnings("unchecked")
    private static List<String> cards(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll('#alert-list li')]
                    .map(li => li.dataset.participantId + ' ' + li.querySelector('.badge').textContent);""");
    }

    private static String alertText(WebDriver browser, String participant, String type) {
        return browser.findElement(By.cssSelector("li.alert--" + type + "[data-participant-id='" + participant + "'] .alert__message")).getText();
    }

    /** The whole page at {@code width} CSS pixels: the viewport is made as tall as the page first. */
    private static void screenshot(ChromeDriver browser, int width, String name) throws IOException {
        viewport(browser, width, 800);
        long height = (Long) browser.executeScript("return document.documentElement.scrollHeight;");
        viewport(browser, width, (int) height);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** An exact viewport (a window cannot be taller than the headless screen). */
    private static void viewport(ChromeDriver browser, int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }
}
