package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.feedwatch.app.TopicSetup;
import io.feedwatch.testing.SharedBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The staff work queue in a real headless Chromium (Debian's chromium and chromium-driver packages), against a real
 * feedwatch server on the shared test broker: a clinic is picked with the keyboard, its cases appear one card per
 * mother in priority order, and staff acknowledge, note and close a case, at desktop width and at a phone's 390 px.
 * Screenshots under streams/target/screenshots/: queue-desktop.png, call-list-print.png, queue-phone.png,
 * note-phone.png, history-phone.png.
 */
@ExtendWith(SharedBroker.class)
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration LIVE = Duration.ofSeconds(60);
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final int PHONE = 390;
    private static final int DESKTOP = 1280;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: the dashboard browser test needs Debian's chromium and chromium-driver "
                        + "(/usr/bin/chromium, /usr/bin/chromedriver): apt-get install -y chromium chromium-driver");
    }

    @Test
    void staffWorkTheQueueOnADesktop(SharedBroker.Kafka kafka, @TempDir Path stateDir) throws IOException {
        String suffix = suffix();
        String clinic = "clinic-" + suffix;
        String quiet = "p-quiet-" + suffix;
        String declining = "p-decline-" + suffix;
        String later = "p-later-" + suffix;
        try (FeedwatchServer server = start(kafka, stateDir)) {
            ApiClient api = api(server);
            api.put("/api/v1/participants/" + quiet, chicagoNewborn(quiet, clinic));
            enrollDeclining(api, declining, clinic);

            ChromeDriver browser = chromium();
            try {
                viewport(browser, DESKTOP, 1000);
                openClinic(browser, server, clinic);

                // one card per mother, never-recorded first (nothing is known to be fine), each with her numbers
                await().atMost(LIVE).untilAsserted(() -> assertThat(queue(browser)).containsExactly(quiet, declining));
                assertThat(browser.findElement(By.id("connection")).getText()).startsWith("Live");
                assertThat(card(browser, quiet).getText())
                        .contains("Sessions in 24 h", "Not acknowledged", "Too few sessions")
                        // her times in her zone, with its abbreviation
                        .containsPattern("Case opened\\n.*(CST|GMT-6)");
                assertThat(card(browser, declining).getText()).contains("4 (guidance: at least 8)");

                // a mother whose case opens while the page is open gets a card, and screen readers hear of it once
                api.put("/api/v1/participants/" + later, HttpApiTest.enrollment(later, clinic));
                await().atMost(LIVE).untilAsserted(() -> {
                    assertThat(queue(browser)).contains(later);
                    assertThat(announced(browser)).containsOnlyOnce("New case: " + later);
                });
                assertThat(announced(browser)).doesNotContain("New case: " + quiet);
                // alerts coming and going are not read out: only new and escalated cases
                assertThat(announcements(browser)).allMatch(line -> line.startsWith("New case: ") || line.startsWith("Case escalated: "));

                workTheCase(browser, api, clinic, quiet, DESKTOP);

                // snoozed for four hours: the card says until when, in her zone, and she sorts below the others
                assertThat(queue(browser)).first().isEqualTo(later);
                focusAndPress(browser, action(browser, later, "SNOOZE"));
                Select until = new Select(card(browser, later).findElement(By.name("until")));
                until.selectByIndex(2);
                assertThat(until.getFirstSelectedOption().getText()).startsWith("4 hours · ").endsWith("UTC");
                focusAndPress(browser, card(browser, later).findElement(By.cssSelector("form.action-form button[type='submit']")));
                await().atMost(SOON).untilAsserted(() -> {
                    assertThat(card(browser, later).getText()).containsPattern("Snoozed until .* UTC");
                    assertThat(queue(browser)).containsExactly(declining, later);
                });

                // the declining mother's 48 h: twelve sessions on the timeline
                focusAndPress(browser, action(browser, declining, "HISTORY"));
                await().atMost(SOON).untilAsserted(() ->
                        assertThat(browser.findElements(By.cssSelector("#timeline circle.session-dot"))).hasSize(12));
                assertThat(browser.findElement(By.id("detail-summary")).getText()).contains("Sessions in the last 24 h\n4 (guidance: at least 8)");
                screenshot(browser, DESKTOP, "queue-desktop.png");

                // a note that a spreadsheet would run as a formula, sent by another client
                String decliningCase = card(browser, declining).getAttribute("data-case-id");
                assertThat(api.post("/api/v1/cases/" + decliningCase + "/actions", """
                        {"actionId":"%s","type":"NOTE","channel":"PHONE","outcome":"REACHED","text":"=1+1 feeds fine"}"""
                        .formatted(UUID.randomUUID())).status()).isEqualTo(200);
                await().atMost(LIVE).untilAsserted(() -> assertThat(card(browser, declining).getText()).contains("=1+1 feeds fine"));

                // the call list as CSV: the queue in its order, one line per mother
                Path downloads = Files.createDirectories(Path.of("target", "downloads", suffix));
                browser.executeCdpCommand("Browser.setDownloadBehavior",
                        Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
                browser.findElement(By.id("csv")).click();
                Path csv = downloads.resolve("call-list-" + clinic + ".csv");
                await().atMost(SOON).until(() -> Files.exists(csv) && Files.size(csv) > 0);
                List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                assertThat(lines.get(0)).startsWith("\uFEFFrank,participantId,caseId,caseOpened,acknowledged,assignee");
                assertThat(lines).hasSize(1 + queue(browser).size());
                assertThat(lines.get(1)).startsWith("1," + queue(browser).get(0) + ",");
                assertThat(String.join("\n", lines)).contains(",'=1+1 feeds fine").doesNotContain(",=1+1");

                // printed, the call list is the cards alone: no controls, a title naming the clinic
                browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
                assertThat(browser.findElement(By.id("print-title")).getText()).startsWith("Call list · clinic " + clinic);
                assertThat(action(browser, declining, "NOTE").isDisplayed()).isFalse();
                assertThat(browser.findElement(By.id("clinic")).isDisplayed()).isFalse();
                screenshot(browser, 800, "call-list-print.png");
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void staffWorkTheQueueOnAPhone(SharedBroker.Kafka kafka, @TempDir Path stateDir) throws IOException {
        String suffix = suffix();
        String clinic = "clinic-" + suffix;
        String first = "p-first-" + suffix;
        String second = "p-second-" + suffix;
        try (FeedwatchServer server = start(kafka, stateDir)) {
            ApiClient api = api(server);
            api.put("/api/v1/participants/" + first, chicagoNewborn(first, clinic));
            api.put("/api/v1/participants/" + second, HttpApiTest.enrollment(second, clinic));

            ChromeDriver browser = chromium();
            try {
                viewport(browser, PHONE, 844);
                openClinic(browser, server, clinic);
                await().atMost(LIVE).untilAsserted(() -> assertThat(queue(browser)).containsExactlyInAnyOrder(first, second));
                assertFitsThePhone(browser, first);
                screenshot(browser, PHONE, "queue-phone.png");
                viewport(browser, PHONE, 844);

                workTheCase(browser, api, clinic, first, PHONE);

                // her history on the phone: nothing clipped, the timeline's labels inside the drawing
                focusAndPress(browser, action(browser, second, "HISTORY"));
                await().atMost(SOON).untilAsserted(() ->
                        assertThat(browser.findElement(By.id("history-list")).getText()).contains("Case opened"));
                assertFitsThePhone(browser, second);
                assertThat(timelineLabelsOutside(browser)).isEmpty();
                assertThat(browser.findElements(By.cssSelector("#timeline text.day-label"))).isNotEmpty();
                screenshot(browser, PHONE, "history-phone.png");
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void aSignedInStaffMemberAssignsHerselfAndFiltersHerCases(SharedBroker.Kafka kafka, @TempDir Path stateDir) throws IOException {
        String suffix = suffix();
        String clinic = "clinic-" + suffix;
        String mine = "p-mine-" + suffix;
        String other = "p-other-" + suffix;
        String token = "token-" + UUID.randomUUID();
        Path users = Files.writeString(stateDir.resolve("users.jsonl"), """
                {"name":"Ana Lima","clinics":["%s"],"sha256":"%s"}
                """.formatted(clinic, Authenticator.sha256(token)));
        try (FeedwatchServer server = start(kafka, stateDir.resolve("streams"), Map.of("feedwatch.http.users", users.toString()))) {
            ApiClient api = api(server).withToken(token);
            api.put("/api/v1/participants/" + mine, chicagoNewborn(mine, clinic));
            api.put("/api/v1/participants/" + other, HttpApiTest.enrollment(other, clinic));

            ChromeDriver browser = chromium();
            try {
                viewport(browser, PHONE, 844);
                openClinic(browser, server, clinic);
                // the server wants a token: the page asks for it, and then knows who is signed in
                WebElement tokenField = browser.findElement(By.id("token"));
                await().atMost(SOON).until(tokenField::isDisplayed);
                tokenField.sendKeys(token, Keys.ENTER);
                await().atMost(LIVE).untilAsserted(() -> assertThat(queue(browser)).containsExactlyInAnyOrder(mine, other));
                assertThat(browser.findElement(By.id("whoami")).getText()).isEqualTo("Signed in as Ana Lima.");

                focusAndPress(browser, action(browser, mine, "ASSIGN"));
                await().atMost(SOON).untilAsserted(() -> assertThat(card(browser, mine).getText()).contains("Assigned to Ana Lima"));
                assertThat(action(browser, mine, "ASSIGN").isDisplayed()).isFalse();
                assertThat(card(browser, other).getText()).contains("Unassigned");

                WebElement onlyMine = browser.findElement(By.id("mine"));
                onlyMine.sendKeys(Keys.SPACE);
                assertThat(queue(browser)).containsExactly(mine);
                onlyMine.sendKeys(Keys.SPACE);
                assertThat(queue(browser)).containsExactlyInAnyOrder(mine, other);
                assertFitsThePhone(browser, mine);
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * Acknowledge, note and close {@code participant}'s case with the keyboard, checking the card after each and the
     * queue the API answers at the end; at {@code width} nothing may need a sideways scroll.
     */
    private static void workTheCase(ChromeDriver browser, ApiClient api, String clinic, String participant, int width) throws IOException {
        // acknowledge: the card says so, sorts below the unacknowledged ones, and keyboard focus stays on it
        focusAndPress(browser, action(browser, participant, "ACKNOWLEDGE"));
        await().atMost(SOON).untilAsserted(() -> {
            assertThat(card(browser, participant).getText()).contains("Acknowledged").doesNotContain("Not acknowledged");
            assertThat(action(browser, participant, "ACKNOWLEDGE").isDisplayed()).isFalse();
        });
        List<String> order = queue(browser);
        assertThat(order.get(order.size() - 1)).isEqualTo(participant);
        assertThat(focusedCard(browser)).isEqualTo(participant);

        // Escape closes a form and gives focus back to the button that opened it
        focusAndPress(browser, action(browser, participant, "NOTE"));
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertThat(card(browser, participant).findElements(By.cssSelector("form.action-form"))).isEmpty();
        assertThat(browser.switchTo().activeElement().getAttribute("data-action")).isEqualTo("NOTE");
        assertThat(action(browser, participant, "NOTE").getAttribute("aria-expanded")).isEqualTo("false");

        // note an outreach: the form opens on its first field, and the note shows on the card once saved
        focusAndPress(browser, action(browser, participant, "NOTE"));
        assertThat(action(browser, participant, "NOTE").getAttribute("aria-expanded")).isEqualTo("true");
        WebElement form = card(browser, participant).findElement(By.cssSelector("form.action-form"));
        assertThat(browser.switchTo().activeElement().getAttribute("name")).isEqualTo("channel");
        if (width == PHONE) {
            assertFitsThePhone(browser, participant);
        }
        new Select(form.findElement(By.name("channel"))).selectByVisibleText("Text message");
        new Select(form.findElement(By.name("outcome"))).selectByVisibleText("Left a message");
        form.findElement(By.name("text")).sendKeys("Asked her to call back about the night feeds");
        if (width == PHONE) {
            screenshot(browser, PHONE, "note-phone.png");
            viewport(browser, PHONE, 844);
        }
        focusAndPress(browser, form.findElement(By.cssSelector("button[type='submit']")));
        await().atMost(SOON).untilAsserted(() -> assertThat(card(browser, participant).getText())
                .contains("Latest note: Text message · Left a message — Asked her to call back about the night feeds"));
        assertThat(card(browser, participant).findElements(By.cssSelector("form.action-form"))).isEmpty();

        // her history has the acknowledgement and the outreach
        focusAndPress(browser, action(browser, participant, "HISTORY"));
        await().atMost(SOON).untilAsserted(() -> assertThat(browser.findElement(By.id("history-list")).getText())
                .contains("Acknowledged", "Outreach · Text message · Left a message", "Case opened"));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("detail-heading");
        if (width == PHONE) {
            assertFitsThePhone(browser, participant);
        }
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertThat(browser.findElement(By.id("detail")).isDisplayed()).isFalse();

        // close with a reason: the card leaves, the API's queue no longer has her, focus stays in the queue
        focusAndPress(browser, action(browser, participant, "CLOSE"));
        WebElement reason = card(browser, participant).findElement(By.name("reason"));
        reason.sendKeys("Reached her; feeding well now", Keys.ENTER);
        await().atMost(SOON).untilAsserted(() -> assertThat(queue(browser)).doesNotContain(participant));
        assertThat(announced(browser)).contains("Case of " + participant + " closed.");
        JsonNode cases = api.get("/api/v1/clinics/" + clinic + "/cases").json().get("cases");
        List<String> open = new ArrayList<>();
        cases.forEach(c -> open.add(c.get("participantId").asText()));
        assertThat(open).isNotEmpty().doesNotContain(participant);
        assertThat(browser.switchTo().activeElement().getAttribute("data-action")).isNotNull();
    }

    // --- the server and its data ---------------------------------------------------------------------------------------

    private static FeedwatchServer start(SharedBroker.Kafka kafka, Path stateDir) {
        return start(kafka, stateDir, Map.of());
    }

    private static FeedwatchServer start(SharedBroker.Kafka kafka, Path stateDir, Map<String, String> settings) {
        TopicSetup.ensureTopics(kafka.clientProperties(), 3, (short) 1, Duration.ofSeconds(60));
        FeedwatchServer server = FeedwatchServer.start(
                HttpApiTest.config(kafka.bootstrapServers(), stateDir, "feedwatch-dashboard-it-" + UUID.randomUUID()).with(settings), false, null);
        ApiClient api = api(server);
        await().atMost(LIVE).until(() -> api.get("/ready").status() == 200);
        return server;
    }

    private static ApiClient api(FeedwatchServer server) {
        return new ApiClient("http://127.0.0.1:" + server.port(), null);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    /** A newborn in Chicago, quiet since monitoring began on 27 February: overdue from the start. */
    private static String chicagoNewborn(String participant, String clinic) {
        return """
                {"participantId":"%s","clinicId":"%s","infantBirthDate":"2026-02-25","timeZone":"America/Chicago",
                 "monitoringStart":"2026-02-27T00:00:00Z"}""".formatted(participant, clinic);
    }

    /** 20 days old (no gap rule), feeding eight times a day on 28 February, then only four times on 1 March. */
    private static void enrollDeclining(ApiClient api, String participant, String clinic) {
        api.put("/api/v1/participants/" + participant, """
                {"participantId":"%s","clinicId":"%s","infantBirthDate":"2026-02-10","timeZone":"UTC",
                 "monitoringStart":"2026-02-28T00:00:00Z"}""".formatted(participant, clinic));
        List<String> events = new ArrayList<>();
        for (String start : List.of("2026-02-28T01:00:00Z", "2026-02-28T04:00:00Z", "2026-02-28T07:00:00Z", "2026-02-28T10:00:00Z",
                "2026-02-28T13:00:00Z", "2026-02-28T16:00:00Z", "2026-02-28T19:00:00Z", "2026-02-28T22:00:00Z",
                "2026-03-01T02:00:00Z", "2026-03-01T07:00:00Z", "2026-03-01T12:00:00Z", "2026-03-01T18:00:00Z")) {
            events.add(HttpApiTest.event(participant + "-" + start, participant, start));
        }
        await().atMost(SOON).until(() -> api.get("/api/v1/participants/" + participant + "/status").status() == 200);
        assertThat(api.post("/api/v1/events", "[" + String.join(",", events) + "]").json().get("accepted").asInt()).isEqualTo(12);
    }

    // --- the page ------------------------------------------------------------------------------------------------------

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

    /** The clinic is typed and submitted with the keyboard, as staff would. */
    private static void openClinic(ChromeDriver browser, FeedwatchServer server, String clinic) {
        browser.get(server.url());
        browser.findElement(By.id("clinic")).sendKeys(clinic, Keys.ENTER);
    }

    /** Keyboard use: the control is focused and Enter pressed, so a control that only answers the mouse fails. */
    private static void focusAndPress(WebDriver browser, WebElement control) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].focus();", control);
        control.sendKeys(Keys.ENTER);
    }

    /** The queue's mothers in the order shown, read in one script so that a live update cannot interleave. */
    @SuppressWarnings("unchecked")
    private static List<String> queue(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#case-list > li')].map(li => li.dataset.participantId);");
    }

    private static WebElement card(WebDriver browser, String participant) {
        return browser.findElement(By.cssSelector("#case-list > li[data-participant-id='" + participant + "']"));
    }

    private static WebElement action(WebDriver browser, String participant, String action) {
        return card(browser, participant).findElement(By.cssSelector(".case__actions button[data-action='" + action + "']"));
    }

    private static String focusedCard(WebDriver browser) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const li = document.activeElement.closest('#case-list > li'); return li && li.dataset.participantId;");
    }

    @SuppressWarnings("unchecked")
    private static List<String> announcements(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.getElementById('announcer').children].map(p => p.textContent);");
    }

    private static String announced(WebDriver browser) {
        return browser.findElement(By.id("announcer")).getAttribute("textContent");
    }

    /**
     * No sideways scroll, and every control of {@code participant}'s card, and of the detail panel when open, inside the
     * viewport's width and not cut off by a parent.
     */
    @SuppressWarnings("unchecked")
    private static void assertFitsThePhone(WebDriver browser, String participant) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Map<String, Object> page = (Map<String, Object>) js.executeScript("""
                const d = document.documentElement;
                return {scrollWidth: d.scrollWidth, clientWidth: d.clientWidth};""");
        assertThat((Long) page.get("scrollWidth")).as("horizontal scroll").isLessThanOrEqualTo((Long) page.get("clientWidth"));
        List<String> outside = (List<String>) js.executeScript("""
                const width = document.documentElement.clientWidth;
                const card = document.querySelector("#case-list > li[data-participant-id='" + arguments[0] + "']");
                const controls = [...card.querySelectorAll('button, select, textarea, input')];
                if (!document.getElementById('detail').hidden) {
                  controls.push(...document.querySelectorAll('#detail button, #detail summary, #detail h2, #detail dd'));
                }
                return controls.filter(c => c.offsetParent !== null && !c.hidden)
                  .filter(c => {
                    const r = c.getBoundingClientRect();
                    return r.left < 0 || r.right > width || c.scrollWidth > c.clientWidth + 1;
                  })
                  .map(c => c.outerHTML.slice(0, 120));""", participant);
        assertThat(outside).as("controls outside the screen or clipped").isEmpty();
    }

    /** Timeline labels that stick out of the drawing (a clipped label). */
    @SuppressWarnings("unchecked")
    private static List<String> timelineLabelsOutside(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const svg = document.getElementById('timeline').getBoundingClientRect();
                return [...document.querySelectorAll('#timeline text')].filter(t => {
                  const r = t.getBoundingClientRect();
                  return r.left < svg.left || r.right > svg.right || r.top < svg.top || r.bottom > svg.bottom;
                }).map(t => t.textContent);""");
    }

    /** The whole page at {@code width} CSS pixels: the viewport is made as tall as the page first. */
    private static void screenshot(ChromeDriver browser, int width, String name) throws IOException {
        long height = (Long) browser.executeScript("return document.documentElement.scrollHeight;");
        viewport(browser, width, (int) height);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** An exact viewport (a window cannot be taller than the headless screen). */
    private static void viewport(ChromeDriver browser, int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }
}
