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

-- query: time from case opened to first outreach by clinic
-- Outreach = a NOTE staff action the work queue took in: a case_events row with change NOTED (an action on an unknown
-- or closed case changes no case). Hours from the case's opening to its first one, both on the detection clock; the
-- clinic is the case's current one. Cases without a note are in the next query.
SELECT clinic_id,
       COUNT(*) AS cases_with_outreach,
       ROUND(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS DECIMAL(18, 6)), 1) AS median_hours,
       ROUND(CAST(percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS DECIMAL(18, 6)), 1) AS p90_hours
FROM (
    SELECT c.clinic_id,
           CAST(EXTRACT(EPOCH FROM MIN(e.last_note_at) - c.opened_at) AS DOUBLE PRECISION) / 3600 AS hours
    FROM cases c
    JOIN case_events e ON e.case_id = c.case_id AND e.change = 'NOTED'
    GROUP BY c.case_id, c.clinic_id, c.opened_at
) first_outreach
GROUP BY clinic_id
ORDER BY clinic_id;

-- query: share of cases closed without outreach by clinic
-- Closed cases (however they closed) with no NOTED record, as a percentage of the clinic's closed cases.
SELECT c.clinic_id,
       COUNT(*) AS closed_cases,
       COUNT(*) - COUNT(noted.case_id) AS without_outreach,
       ROUND(CAST(100.0 * (COUNT(*) - COUNT(noted.case_id)) / COUNT(*) AS DECIMAL(18, 6)), 1) AS percent_without_outreach
FROM cases c
LEFT JOIN (SELECT DISTINCT case_id FROM case_events WHERE change = 'NOTED') noted ON noted.case_id = c.case_id
WHERE c.status = 'CLOSED'
GROUP BY c.clinic_id
ORDER BY c.clinic_id;

-- query: staff notifications and OPEN alert records per 100 participants per week
-- What staff were told, against what the alerts alone would have told them: case records that notify (a case
-- opened or escalated) next to raw OPEN alert records (withdrawn ones included: they were sent). Both count in the
-- week of their detection-clock time in the participant's time zone; participants as in the alert rate above.
WITH active AS (
    SELECT clinic_id,
           CAST(date_trunc('week', summary_date) AS DATE) AS week,
           COUNT(DISTINCT participant_id) AS participants
    FROM daily_summaries
    GROUP BY clinic_id, CAST(date_trunc('week', summary_date) AS DATE)
),
notified AS (
    SELECT e.clinic_id,
           CAST(date_trunc('week', CAST(e.updated_at AT TIME ZONE p.time_zone AS DATE)) AS DATE) AS week,
           COUNT(*) AS notifications
    FROM case_events e
    JOIN participants p ON p.participant_id = e.participant_id
    WHERE e.notification IS NOT NULL
    GROUP BY e.clinic_id, CAST(date_trunc('week', CAST(e.updated_at AT TIME ZONE p.time_zone AS DATE)) AS DATE)
),
opened AS (
    SELECT a.clinic_id,
           CAST(date_trunc('week', CAST(a.detected_at AT TIME ZONE p.time_zone AS DATE)) AS DATE) AS week,
           COUNT(*) AS open_alert_records
    FROM alert_events a
    JOIN participants p ON p.participant_id = a.participant_id
    WHERE a.status = 'OPEN'
    GROUP BY a.clinic_id, CAST(date_trunc('week', CAST(a.detected_at AT TIME ZONE p.time_zone AS DATE)) AS DATE)
)
SELECT active.clinic_id,
       active.week,
       active.participants,
       COALESCE(notified.notifications, 0) AS notifications,
       COALESCE(opened.open_alert_records, 0) AS open_alert_records,
       ROUND(CAST(100.0 * COALESCE(notified.notifications, 0) / active.participants AS DECIMAL(18, 6)), 1) AS notifications_per_100_participants,
       ROUND(CAST(100.0 * COALESCE(opened.open_alert_records, 0) / active.participants AS DECIMAL(18, 6)), 1) AS open_alerts_per_100_participants
FROM active
LEFT JOIN notified ON notified.clinic_id = active.clinic_id AND notified.week = active.week
LEFT JOIN opened ON opened.clinic_id = active.clinic_id AND opened.week = active.week
ORDER BY active.clinic_id, active.week;
