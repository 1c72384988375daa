-- Example queries over the analyst database written by `feedwatch export` (README, "Analyst database").
-- Each runs unchanged in DuckDB and PostgreSQL; streams/src/test/java/io/feedwatch/sink/AnalystQueriesTest.java
-- checks every one against hand-computed results, and that the README shows them exactly as here.

-- query: open alerts per clinic
SELECT clinic_id,
       COUNT(*) AS open_alerts,
       COUNT(DISTINCT participant_id) AS participants,
       MIN(risk_since) AS oldest_since
FROM alerts
WHERE status = 'OPEN'
GROUP BY clinic_id
ORDER BY open_alerts DESC, clinic_id;

-- query: alert rate per 100 participants per week
-- Rates and hours are rounded to one decimal: ROUND of a DECIMAL, which DuckDB and PostgreSQL round alike (half away
-- from zero); PostgreSQL has no ROUND(double precision, places).
-- Participants = those with a daily summary in that clinic and week (weeks start on Monday, local dates). An
-- alert counts in the week its risk began, in the participant's time zone; withdrawn alerts never happened.
-- A participant who records nothing has no summary: her alerts count, she is not in the denominator.
WITH active AS (
    SELECT clinic_id,
           CAST(date_trunc('week', summary_date) AS DATE) AS week,
           COUNT(DISTINCT participant_id) AS participants
    FROM daily_summaries
    GROUP BY clinic_id, CAST(date_trunc('week', summary_date) AS DATE)
),
raised AS (
    SELECT a.clinic_id,
           CAST(date_trunc('week', CAST(a.risk_since AT TIME ZONE p.time_zone AS DATE)) AS DATE) AS week,
           COUNT(*) AS alerts
    FROM alerts a
    JOIN participants p ON p.participant_id = a.participant_id
    WHERE a.status <> 'WITHDRAWN'
    GROUP BY a.clinic_id, CAST(date_trunc('week', CAST(a.risk_since AT TIME ZONE p.time_zone AS DATE)) AS DATE)
)
SELECT active.clinic_id,
       active.week,
       active.participants,
       COALESCE(raised.alerts, 0) AS alerts,
       ROUND(CAST(100.0 * COALESCE(raised.alerts, 0) / active.participants AS DECIMAL(18, 6)), 1) AS alerts_per_100_participants
FROM active
LEFT JOIN raised ON raised.clinic_id = active.clinic_id AND raised.week = active.week
ORDER BY active.clinic_id, active.week;

-- query: median sessions per day by infant age band
-- Age = local date minus the infant's birth date, banded as in the default policy. Summaries exist only for days
-- with at least one accepted event, so days with nothing recorded are not in the median.
SELECT CASE
           WHEN s.summary_date - p.infant_birth_date < 14 THEN '0-13'
           WHEN s.summary_date - p.infant_birth_date < 56 THEN '14-55'
           WHEN s.summary_date - p.infant_birth_date < 183 THEN '56-182'
           ELSE '183+'
       END AS age_band,
       COUNT(*) AS participant_days,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY s.removal_sessions) AS median_sessions
FROM daily_summaries s
JOIN participants p ON p.participant_id = s.participant_id
GROUP BY 1
ORDER BY MIN(s.summary_date - p.infant_birth_date);

-- query: time from OPEN to RESOLVED by alert type
-- The episode's length, riskSince to resolvedAt, in hours.
SELECT alert_type,
       COUNT(*) AS resolved_alerts,
       ROUND(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS DECIMAL(18, 6)), 1) AS median_hours,
       ROUND(CAST(percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS DECIMAL(18, 6)), 1) AS p90_hours
FROM (
    SELECT alert_type,
           CAST(EXTRACT(EPOCH FROM resolved_at - risk_since) AS DOUBLE PRECISION) / 3600 AS hours
    FROM alerts
    WHERE status = 'RESOLVED'
) resolved
GROUP BY alert_type
ORDER BY alert_type;
