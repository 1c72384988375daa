// feedwatch staff dashboard: a clinic's open alerts, kept live by server-sent events, and a 48 h session timeline per
// participant. Plain browser JavaScript, no build step. Everything from the server is inserted as text, never as HTML.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const TYPE_LABEL = { UNDER_FREQUENCY: 'Too few sessions', LONG_GAP: 'Long gap' };
  // [one, more than one]
  const COUNT_LABEL = {
    BREASTFEED: ['breastfeed', 'breastfeeds'], PUMP: ['pump session', 'pump sessions'],
    HAND_EXPRESSION: ['hand expression', 'hand expressions'],
    BOTTLE_BREASTMILK: ['bottle of breast milk', 'bottles of breast milk'], FORMULA: ['formula feed', 'formula feeds'],
  };
  const when = new Intl.DateTimeFormat(undefined, {
    weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
  });
  const hourOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });
  const dayOnly = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
  const HIGHLIGHT_MS = 4000;

  const state = {
    clinic: null,
    alerts: new Map(),
    source: null,
    token: sessionStorage.getItem('feedwatch.token') || '',
    asOf: null,
    selected: null,
    opener: null,
  };

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path) {
    const headers = { Accept: 'application/json' };
    if (state.token) headers.Authorization = 'Bearer ' + state.token;
    const res = await fetch(path, { headers });
    if (res.status === 401) {
      $('token-form').hidden = false;
      throw new ApiError(401, 'This server needs an access token: enter it above.');
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new ApiError(res.status, body.message || res.statusText);
    return body;
  }

  function setConnection(text, kind) {
    const el = $('connection');
    el.textContent = text;
    el.dataset.state = kind;
  }

  function announce(text) {
    const line = document.createElement('p');
    line.textContent = text;
    $('announcer').append(line);
    // keep the live region short; screen readers have already read what was added
    while ($('announcer').childElementCount > 5) $('announcer').firstElementChild.remove();
  }

  function noteTime(iso) {
    if (!iso) return;
    const t = new Date(iso);
    if (!state.asOf || t > state.asOf) {
      state.asOf = t;
      $('as-of').textContent = 'Detection clock: ' + when.format(t);
    }
  }

  function label(alert) {
    return TYPE_LABEL[alert.type] || alert.type;
  }

  // --- clinic and its alerts -----------------------------------------------------------------------------------------

  async function loadClinics() {
    try {
      const body = await api('/api/v1/clinics');
      const list = $('clinic-list');
      list.replaceChildren(...body.clinics.map((c) => {
        const option = document.createElement('option');
        option.value = c.clinicId;
        option.label = c.openAlerts + (c.openAlerts === 1 ? ' open alert' : ' open alerts');
        return option;
      }));
    } catch (e) {
      // the list is a convenience; typing a clinic id still works
    }
  }

  function selectClinic(clinic) {
    state.clinic = clinic;
    state.alerts.clear();
    history.replaceState(null, '', '#clinic=' + encodeURIComponent(clinic));
    $('alerts-heading').textContent = 'Open alerts · clinic ' + clinic;
    render();
    follow(clinic);
    loadAlerts(clinic);
  }

  async function loadAlerts(clinic) {
    try {
      const body = await api('/api/v1/clinics/' + encodeURIComponent(clinic) + '/alerts?status=OPEN');
      if (clinic !== state.clinic) return;
      noteTime(body.asOf);
      state.alerts = new Map(body.alerts.map((a) => [a.alertId, a]));
      render();
    } catch (e) {
      setConnection('Could not load alerts: ' + e.message, 'problem');
    }
  }

  // The list is loaded again whenever the stream (re)connects, so nothing emitted while disconnected is missed.
  function follow(clinic) {
    if (state.source) state.source.close();
    let url = '/api/v1/clinics/' + encodeURIComponent(clinic) + '/alerts/stream';
    if (state.token) url += '?access_token=' + encodeURIComponent(state.token);
    const source = new EventSource(url);
    state.source = source;
    setConnection('Connecting to live updates…', 'connecting');
    source.addEventListener('ready', () => {
      setConnection('Live: new and resolved alerts appear here as they happen.', 'live');
      loadAlerts(clinic);
    });
    source.addEventListener('alert', (event) => apply(JSON.parse(event.data)));
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        setConnection('Live updates stopped. Choose the clinic again to retry.', 'problem');
      } else {
        setConnection('Connection lost; reconnecting…', 'problem');
      }
    });
  }

  function apply(alert) {
    if (alert.clinicId !== state.clinic) return;
    noteTime(alert.detectedAt);
    if (alert.status === 'OPEN') {
      if (!state.alerts.has(alert.alertId)) {
        announce('New alert for ' + alert.participantId + ': ' + label(alert) + '.');
      }
      state.alerts.set(alert.alertId, alert);
    } else if (state.alerts.delete(alert.alertId)) {
      const how = alert.status === 'WITHDRAWN' ? 'withdrawn' : 'resolved';
      announce('Alert for ' + alert.participantId + ' (' + label(alert) + ') ' + how + '.');
    }
    render(alert.status === 'OPEN' ? alert.alertId : null);
    if (state.selected === alert.participantId) showParticipant(alert.participantId, false);
  }

  function render(arrivedId) {
    const list = $('alert-list');
    const sorted = [...state.alerts.values()].sort((a, b) =>
      b.riskSince.localeCompare(a.riskSince) || a.alertId.localeCompare(b.alertId));
    const wanted = new Set(sorted.map((a) => a.alertId));
    for (const li of [...list.children]) {
      if (!wanted.has(li.dataset.alertId)) li.remove();
    }
    // existing cards stay in place (and keep keyboard focus) unless the order changes
    sorted.forEach((alert, i) => {
      let li = list.querySelector('li[data-alert-id="' + CSS.escape(alert.alertId) + '"]');
      if (!li) {
        li = card(alert);
        if (alert.alertId === arrivedId) {
          li.classList.add('alert--new');
          setTimeout(() => li.classList.remove('alert--new'), HIGHLIGHT_MS);
        }
      } else {
        li.querySelector('.alert__message').textContent = alert.message;
      }
      if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
    });
    const empty = $('alerts-empty');
    empty.hidden = sorted.length > 0;
    empty.textContent = state.clinic ? 'No open alerts for clinic ' + state.clinic + '.' : 'No clinic chosen yet.';
  }

  function card(alert) {
    const li = document.createElement('li');
    li.className = 'alert alert--' + alert.type;
    li.dataset.alertId = alert.alertId;
    li.dataset.participantId = alert.participantId;

    const head = document.createElement('div');
    head.className = 'alert__head';
    const badge = document.createElement('span');
    badge.className = 'badge badge--' + alert.type;
    badge.textContent = label(alert);
    const who = document.createElement('button');
    who.type = 'button';
    who.className = 'who';
    who.textContent = alert.participantId;
    who.setAttribute('aria-label', 'Show the last 48 hours for participant ' + alert.participantId);
    who.setAttribute('aria-pressed', String(state.selected === alert.participantId));
    who.addEventListener('click', () => {
      state.opener = who;
      showParticipant(alert.participantId, true);
    });
    head.append(badge, who);

    const message = document.createElement('p');
    message.className = 'alert__message';
    message.textContent = alert.message;

    const since = document.createElement('p');
    since.className = 'alert__since';
    const time = document.createElement('time');
    time.dateTime = alert.riskSince;
    time.textContent = when.format(new Date(alert.riskSince));
    since.append('Since ', time);
    li.append(head, message, since);
    return li;
  }

  // --- one participant -----------------------------------------------------------------------------------------------

  async function showParticipant(participantId, moveFocus) {
    state.selected = participantId;
    for (const b of document.querySelectorAll('.who')) {
      b.setAttribute('aria-pressed', String(b.textContent === participantId));
    }
    const detail = $('detail');
    detail.hidden = false;
    $('detail-heading').textContent = 'Participant ' + participantId;
    if (moveFocus) $('detail-heading').focus();
    const base = '/api/v1/participants/' + encodeURIComponent(participantId);
    try {
      const [status, sessions] = await Promise.all([api(base + '/status'), api(base + '/sessions?hours=48')]);
      if (state.selected !== participantId) return;
      $('detail-error').hidden = true;
      noteTime(status.asOf);
      summary(status);
      timeline(sessions, status.openAlerts);
    } catch (e) {
      $('detail-error').hidden = false;
      $('detail-error').textContent = 'Could not load ' + participantId + ': ' + e.message;
    }
  }

  function summary(s) {
    const rows = [];
    const count = document.createElement('span');
    count.textContent = s.sessionsLast24h + (s.expectedMin != null ? ' (guidance: at least ' + s.expectedMin + ')' : '');
    if (s.expectedMin != null && s.sessionsLast24h < s.expectedMin) count.className = 'below';
    rows.push(['Sessions in the last 24 h', count]);
    rows.push(['Last session', s.lastSessionAt ? when.format(new Date(s.lastSessionAt)) : 'none recorded']);
    rows.push(['Infant age', s.infantAgeDays + (s.infantAgeDays === 1 ? ' day' : ' days')]);
    const today = Object.entries(s.today.counts)
      .filter(([, n]) => n > 0)
      .map(([type, n]) => n + ' ' + (COUNT_LABEL[type] ? COUNT_LABEL[type][n === 1 ? 0 : 1] : type))
      .join(', ');
    const expressed = s.today.expressedMl > 0 ? '; ' + Math.round(s.today.expressedMl) + ' ml expressed' : '';
    rows.push(['Today (' + s.today.date + ')', (today || 'nothing recorded yet') + expressed]);
    rows.push(['Open alerts', s.openAlerts.length ? s.openAlerts.map(label).join(', ') : 'none']);
    rows.push(['Clinic', s.clinicId]);
    const dl = $('detail-summary');
    dl.replaceChildren();
    for (const [term, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.append(value);
      dl.append(dt, dd);
    }
  }

  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text != null) node.textContent = text;
    return node;
  }

  function timeline(data, openAlerts) {
    const svg = $('timeline');
    const from = new Date(data.from).getTime();
    const to = new Date(data.to).getTime();
    const left = 12;
    const right = 548;
    const top = 18;
    const axisY = 104;
    const x = (t) => left + ((t - from) / (to - from)) * (right - left);
    const parts = [];

    for (const alert of openAlerts) {
      const start = Math.max(from, new Date(alert.riskSince).getTime());
      parts.push(el('rect', { class: 'risk', x: x(start), y: top, width: Math.max(2, right - x(start)), height: axisY - top }));
      parts.push(el('text', { class: 'risk-label', x: x(start) + 4, y: top + 15 }, label(alert)));
    }
    // a line every six hours, labelled with the hour; midnights get the day's name instead
    const hour = 3600 * 1000;
    for (let t = Math.ceil(from / hour) * hour; t <= to; t += hour) {
      const d = new Date(t);
      if (d.getHours() % 6 !== 0) continue;
      const midnight = d.getHours() === 0;
      parts.push(el('line', { class: midnight ? 'midnight' : 'grid', x1: x(t), x2: x(t), y1: top, y2: axisY }));
      if (midnight) {
        const nearEnd = x(t) > right - 90;
        parts.push(el('text', {
          class: 'day-label', x: x(t) + (nearEnd ? -4 : 4), y: axisY + 34, 'text-anchor': nearEnd ? 'end' : 'start',
        }, dayOnly.format(d)));
      } else if (x(t) > left + 16 && x(t) < right - 16) {
        parts.push(el('text', { class: 'tick-label', x: x(t), y: axisY + 17, 'text-anchor': 'middle' }, hourOnly.format(d)));
      }
    }
    parts.push(el('line', { class: 'axis', x1: left, x2: right, y1: axisY, y2: axisY }));
    for (const s of data.sessions) {
      const sx = x(new Date(s).getTime());
      parts.push(el('line', { class: 'session-line', x1: sx, x2: sx, y1: axisY, y2: 62 }));
      const dot = el('circle', { class: 'session-dot', cx: sx, cy: 58, r: 6 });
      dot.append(el('title', {}, 'Session at ' + when.format(new Date(s))));
      parts.push(dot);
    }
    parts.push(el('line', { class: 'now', x1: right, x2: right, y1: top - 4, y2: axisY + 4 }));
    parts.push(el('text', { class: 'tick-label', x: right - 4, y: top - 6, 'text-anchor': 'end' }, 'now'));

    const desc = el('desc', { id: 'timeline-desc' }, data.sessions.length + ' session' +
      (data.sessions.length === 1 ? '' : 's') + ' between ' + when.format(new Date(from)) + ' and ' + when.format(new Date(to)) +
      (data.sessions.length ? '; the latest at ' + when.format(new Date(data.sessions[data.sessions.length - 1])) : '') + '.');
    svg.replaceChildren(desc, ...parts);

    const list = $('session-list');
    list.replaceChildren(...data.sessions.map((s) => {
      const li = document.createElement('li');
      li.textContent = when.format(new Date(s));
      return li;
    }));
    if (!data.sessions.length) {
      const li = document.createElement('li');
      li.textContent = 'No sessions recorded in these 48 hours.';
      list.append(li);
    }
  }

  function closeDetail() {
    state.selected = null;
    $('detail').hidden = true;
    for (const b of document.querySelectorAll('.who')) b.setAttribute('aria-pressed', 'false');
    if (state.opener && document.contains(state.opener)) state.opener.focus();
  }

  // --- wiring --------------------------------------------------------------------------------------------------------

  $('clinic-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const clinic = $('clinic').value.trim();
    if (clinic) selectClinic(clinic);
  });
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.token = $('token').value.trim();
    sessionStorage.setItem('feedwatch.token', state.token);
    $('token-form').hidden = true;
    loadClinics();
    if (state.clinic) selectClinic(state.clinic);
  });
  $('detail-close').addEventListener('click', closeDetail);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('detail').hidden) closeDetail();
  });

  loadClinics();
  const fromHash = /^#clinic=(.+)$/.exec(location.hash);
  if (fromHash) {
    $('clinic').value = decodeURIComponent(fromHash[1]);
    selectClinic($('clinic').value);
  }
})();
