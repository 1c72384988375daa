// feedwatch staff dashboard: a clinic's work queue (one card per mother with an open case), staff actions on it, and
// one mother's 48 h timeline and 30-day history. Plain browser JavaScript, no build step. Everything from the server is
// inserted as text, never as HTML.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const TYPE_LABEL = { UNDER_FREQUENCY: 'Too few sessions', LONG_GAP: 'Long gap' };
  const CHANNELS = [['PHONE', 'Phone'], ['TEXT', 'Text message'], ['VISIT', 'Visit'], ['OTHER', 'Other']];
  const OUTCOMES = [['REACHED', 'Reached'], ['NO_ANSWER', 'No answer'], ['LEFT_MESSAGE', 'Left a message'], ['REFERRED', 'Referred']];
  const LABEL = Object.fromEntries([...CHANNELS, ...OUTCOMES]);
  // why staff were notified again of an open case
  const ESCALATION_LABEL = { NEW_ALERT_TYPE: 'escalated: a new kind of alert', UNACKNOWLEDGED: 'escalated: not acknowledged' };
  // the server refuses a snooze more than 72 h ahead of its own clock; the longest choice leaves room for the round trip
  const SNOOZE_HOURS = [1, 2, 4, 8, 12, 24, 48];
  const MAX_TEXT = 2000;
  // besides the stream: numbers such as "hours since her last session" change with the clock alone
  const POLL_MS = 30000;
  const REFRESH_DEBOUNCE_MS = 250;
  const APPLY_WAIT_MS = 10000;
  const APPLY_POLL_MS = 200;
  const STATUS_MS = 10000;
  // [one, more than one]
  const COUNT_LABEL = {
    BREASTFEED: ['breastfeed', 'breastfeeds'], PUMP: ['pump session', 'pump sessions'],
    HAND_EXPRESSION: ['hand expression', 'hand expressions'],
    BOTTLE_BREASTMILK: ['bottle of breast milk', 'bottles of breast milk'], FORMULA: ['formula feed', 'formula feeds'],
  };

  const state = {
    clinic: null,
    cases: [],
    // whether the queue was read once for this clinic: what the first read finds is not news
    seen: false,
    source: null,
    token: sessionStorage.getItem('feedwatch.token') || '',
    me: null,
    mineOnly: false,
    asOf: null,
    selected: null,
    opener: null,
    timelineData: null,
    refreshTimer: null,
    pollTimer: null,
  };

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, body) {
    const headers = { Accept: 'application/json' };
    if (state.token) headers.Authorization = 'Bearer ' + state.token;
    const init = { headers };
    if (body !== undefined) {
      init.method = 'POST';
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    if (res.status === 401) {
      $('token-form').hidden = false;
      throw new ApiError(401, 'This server needs an access token: enter it above.');
    }
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new ApiError(res.status, json.message || res.statusText);
    return json;
  }

  // --- times, always in the mother's own zone ------------------------------------------------------------------------

  const formats = new Map();
  function formatter(zone, options) {
    const key = zone + JSON.stringify(options);
    if (!formats.has(key)) {
      let f;
      try {
        f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
      } catch (e) {
        // an unknown zone name must not break the page: UTC, labelled as such
        f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' });
      }
      formats.set(key, f);
    }
    return formats.get(key);
  }
  const WHEN = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
  const when = (iso, zone) => formatter(zone || 'UTC', WHEN).format(new Date(iso));
  const hourIn = (t, zone) => Number(formatter(zone, { hour: 'numeric', hourCycle: 'h23' })
    .formatToParts(new Date(t)).find((p) => p.type === 'hour').value);
  const hourLabel = (t, zone) => formatter(zone, { hour: 'numeric' }).format(new Date(t));
  const dayLabel = (t, zone, narrow) => formatter(zone, narrow ? { month: 'short', day: 'numeric' }
    : { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(t));

  function timeEl(iso, zone) {
    const time = document.createElement('time');
    time.dateTime = iso;
    time.textContent = when(iso, zone);
    return time;
  }

  function noteTime(iso) {
    if (!iso) return;
    const t = new Date(iso);
    if (!state.asOf || t > state.asOf) {
      state.asOf = t;
      $('as-of').textContent = 'Detection clock: ' + when(iso, Intl.DateTimeFormat().resolvedOptions().timeZone);
    }
  }

  // --- small helpers -------------------------------------------------------------------------------------------------

  function node(tag, className, ...children) {
    const n = document.createElement(tag);
    if (className) n.className = className;
    n.append(...children.filter((c) => c != null));
    return n;
  }

  function hidden(text) {
    return node('span', 'visually-hidden', text);
  }

  function setConnection(text, kind) {
    const el = $('connection');
    el.textContent = text;
    el.dataset.state = kind;
  }

  function announce(text) {
    $('announcer').append(node('p', null, text));
    // keep the live region short; screen readers have already read what was added
    while ($('announcer').childElementCount > 5) $('announcer').firstElementChild.remove();
  }

  const label = (alert) => TYPE_LABEL[alert.type] || alert.type;
  /** The kinds of her alerts still open, each once. */
  const openKinds = (c) => [...new Set(c.alerts.filter((a) => a.status === 'OPEN').map(label))];
  const plural = (n, one, more) => n + ' ' + (n === 1 ? one : more);

  function newId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    // crypto.randomUUID needs a secure context; a page served over plain http on another host has only this
    return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  // --- the clinic's queue --------------------------------------------------------------------------------------------

  /** One queue entry as the page uses it: the mother's current numbers, her case and its alerts. */
  function entry(item) {
    const c = item.case;
    return {
      participantId: item.participantId,
      // null only while her enrollment is ending (the case closes with it)
      timeZone: item.timeZone || 'UTC',
      sessionsLast24h: item.sessionsLast24h,
      expectedMin: item.expectedMin,
      lastSessionAt: item.lastSessionAt,
      hoursSinceLastSession: item.hoursSinceLastSession,
      infantAgeDays: item.infantAgeDays,
      caseId: c.caseId,
      openedAt: c.openedAt,
      acknowledged: c.acknowledged,
      assignee: c.assignee || null,
      snoozedUntil: c.snoozedUntil || null,
      note: c.lastNote,
      notification: item.notificationReason,
      notifications: c.notifications,
      alerts: item.alerts,
    };
  }

  async function loadClinics() {
    try {
      const body = await api('/api/v1/clinics');
      $('clinic-list').replaceChildren(...body.clinics.map((c) => {
        const option = document.createElement('option');
        option.value = c.clinicId;
        option.label = plural(c.openCases, 'open case', 'open cases') + ' · ' + plural(c.openAlerts, 'open alert', 'open alerts');
        return option;
      }));
    } catch (e) {
      // the list is a convenience; typing a clinic id still works
    }
  }

  async function loadMe() {
    try {
      const me = await api('/api/v1/me');
      state.me = me.name || null;
    } catch (e) {
      state.me = null;
    }
    $('mine-label').hidden = !state.me;
    $('whoami').textContent = state.me ? 'Signed in as ' + state.me + '.' : '';
    renderQueue();
  }

  function selectClinic(clinic) {
    state.clinic = clinic;
    state.cases = [];
    state.seen = false;
    history.replaceState(null, '', '#clinic=' + encodeURIComponent(clinic));
    $('queue-heading').textContent = 'Work queue · clinic ' + clinic;
    renderQueue();
    follow(clinic);
    loadQueue();
    clearInterval(state.pollTimer);
    state.pollTimer = setInterval(loadQueue, POLL_MS);
  }

  function scheduleRefresh() {
    clearTimeout(state.refreshTimer);
    state.refreshTimer = setTimeout(loadQueue, REFRESH_DEBOUNCE_MS);
  }

  async function loadQueue() {
    const clinic = state.clinic;
    if (!clinic) return;
    try {
      const body = await api('/api/v1/clinics/' + encodeURIComponent(clinic) + '/cases');
      if (clinic !== state.clinic) return;
      noteTime(body.asOf);
      state.cases = body.cases.map(entry);
      tellNewAndEscalated();
      $('queue-error').hidden = true;
      renderQueue();
    } catch (e) {
      if (clinic !== state.clinic) return;
      $('queue-error').hidden = false;
      $('queue-error').textContent = e.status === 404
        ? 'There is no clinic ' + clinic + '.' : 'Could not load the work queue: ' + e.message;
    }
  }

  // Screen readers hear about a case when it opens and when it escalates, not about every alert that comes and goes: from
  // the stream's case records that notify staff, and from a queue read that finds a case or a notification not heard of
  // (missed while disconnected). Each is told once: caseId -> the notifications told so far.
  const told = new Map();

  function tellNewAndEscalated() {
    const first = !state.seen;
    state.seen = true;
    for (const c of state.cases) {
      if (first) told.set(c.caseId, Math.max(told.get(c.caseId) || 0, c.notifications));
      else tell(c.caseId, c.notifications, c.participantId, openKinds(c));
    }
  }

  function tell(caseId, notifications, participantId, kinds) {
    const before = told.get(caseId) || 0;
    if (notifications <= before) return;
    told.set(caseId, notifications);
    announce((before === 0 ? 'New case: ' : 'Case escalated: ') + participantId
      + (kinds.length ? ' (' + kinds.join(', ') + ')' : '') + '.');
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
      setConnection('Live: the queue follows new alerts and cases as they happen.', 'live');
      loadQueue();
    });
    source.addEventListener('alert', (event) => {
      const alert = JSON.parse(event.data);
      noteTime(alert.detectedAt);
      scheduleRefresh();
      if (state.selected === alert.participantId) scheduleParticipant(alert.participantId);
    });
    source.addEventListener('case', (event) => {
      const c = JSON.parse(event.data);
      noteTime(c.updatedAt);
      if (c.notification && c.status === 'OPEN') {
        tell(c.caseId, c.notifications, c.participantId, [...new Set(c.alertTypes.map((type) => TYPE_LABEL[type] || type))]);
      }
      scheduleRefresh();
      if (state.selected === c.participantId) scheduleParticipant(c.participantId);
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        setConnection('Live updates stopped. Choose the clinic again to retry.', 'problem');
      } else {
        setConnection('Connection lost; reconnecting…', 'problem');
      }
    });
  }

  function shownCases() {
    return state.cases.filter((c) => !state.mineOnly || (state.me && c.assignee === state.me));
  }

  function renderQueue() {
    const list = $('case-list');
    const shown = shownCases();
    const wanted = new Set(shown.map((c) => c.participantId));
    const focusedCard = document.activeElement && document.activeElement.closest && document.activeElement.closest('.case');
    for (const li of [...list.children]) {
      if (!wanted.has(li.dataset.participantId)) {
        // the card in use leaves (closed, or filtered out): keyboard focus goes to the next card, else the queue
        if (li === focusedCard) {
          const next = li.nextElementSibling || li.previousElementSibling;
          (next ? next.querySelector('.case__actions button:not([hidden])') : $('queue')).focus();
        }
        li.remove();
      }
    }
    // a card that exists is updated in place, so its open form, typed text and keyboard focus survive a refresh
    const cards = shown.map((c, i) => {
      const li = list.querySelector('li[data-participant-id="' + CSS.escape(c.participantId) + '"]') || card(c);
      fill(li, c, i + 1);
      return li;
    });
    const anchor = cards.indexOf(focusedCard);
    if (anchor < 0) {
      cards.forEach((li, i) => {
        if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
      });
    } else {
      // moving the card that has focus would drop it (and the note being typed): the others move around it instead
      cards.slice(0, anchor).forEach((li) => list.insertBefore(li, focusedCard));
      let last = focusedCard;
      cards.slice(anchor + 1).forEach((li) => {
        last.after(li);
        last = li;
      });
    }
    const empty = $('queue-empty');
    empty.hidden = shown.length > 0;
    empty.textContent = !state.clinic ? 'No clinic chosen yet.'
      : state.mineOnly ? 'No open case of clinic ' + state.clinic + ' is assigned to you.'
        : 'No open cases for clinic ' + state.clinic + '.';
    $('print').disabled = $('csv').disabled = shown.length === 0;
    $('print-title').textContent = state.clinic ? 'Call list · clinic ' + state.clinic + (state.mineOnly ? ' · assigned to ' + state.me : '')
      + ' · ' + (state.asOf ? 'detection clock ' + state.asOf.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '') : '';
  }

  /** A new card: the parts that staff interact with are made once and kept, the rest is refilled by {@link fill}. */
  function card(c) {
    const li = node('li', 'case');
    li.dataset.participantId = c.participantId;
    const body = node('div', 'case__body');
    const status = node('p', 'case__status', '');
    status.setAttribute('role', 'status');
    const actions = node('div', 'case__actions');
    const who = c.participantId;
    const button = (action, text, quiet) => {
      const b = node('button', quiet ? 'button-quiet' : null, text, hidden(' · ' + who));
      b.type = 'button';
      b.dataset.action = action;
      actions.append(b);
      return b;
    };
    button('ACKNOWLEDGE', 'Acknowledge').addEventListener('click', () => act(li, { type: 'ACKNOWLEDGE' }));
    button('ASSIGN', 'Assign to me', true).addEventListener('click', () => act(li, { type: 'ASSIGN', assignee: state.me }));
    for (const [action, text] of [['NOTE', 'Note'], ['SNOOZE', 'Snooze'], ['CLOSE', 'Close case']]) {
      const b = button(action, text, true);
      b.setAttribute('aria-expanded', 'false');
      b.addEventListener('click', () => toggleForm(li, action, b));
    }
    const historyButton = button('HISTORY', 'History', true);
    historyButton.setAttribute('aria-label', 'History of ' + who + ', 30 days');
    historyButton.addEventListener('click', () => {
      state.opener = historyButton;
      showParticipant(who, true);
    });
    const formSlot = node('div', 'case__form');
    li.append(body, actions, formSlot, status);
    return li;
  }

  function fill(li, c, rank) {
    li.dataset.caseId = c.caseId;
    li.classList.toggle('case--unacknowledged', !c.acknowledged);
    li.classList.toggle('case--snoozed', !!c.snoozedUntil);
    const zone = c.timeZone;

    const heading = node('h3', 'case__who', node('span', 'case__rank', rank + '.'), ' ', c.participantId);
    heading.id = 'case-' + rank + '-heading';
    const chips = node('p', 'chips');
    chips.append(c.acknowledged ? node('span', 'chip chip--ok', 'Acknowledged') : node('span', 'chip chip--new', 'Not acknowledged'));
    if (ESCALATION_LABEL[c.notification] && !c.acknowledged) {
      chips.append(node('span', 'chip chip--new', 'Escalated'));
    }
    chips.append(node('span', 'chip', c.assignee ? 'Assigned to ' + c.assignee : 'Unassigned'));
    if (c.snoozedUntil) chips.append(node('span', 'chip', 'Snoozed until ', timeEl(c.snoozedUntil, zone)));

    const facts = node('dl', 'facts');
    // each term with its value in one block, so that the blocks can flow into as many columns as fit
    const fact = (term, ...value) => facts.append(node('div', null, node('dt', null, term), node('dd', null, ...value)));
    const count = node('span', null, c.sessionsLast24h != null ? String(c.sessionsLast24h) : '?',
      c.expectedMin != null ? ' (guidance: at least ' + c.expectedMin + ')' : '');
    if (c.expectedMin != null && c.sessionsLast24h < c.expectedMin) count.className = 'below';
    // no break inside "24 h": a lone "h" on the next line reads as a typo
    fact('Sessions in 24\u00a0h', count);
    fact('Last session', ...(c.lastSessionAt
      ? [timeEl(c.lastSessionAt, zone), c.hoursSinceLastSession != null ? ' · ' + Math.floor(c.hoursSinceLastSession) + '\u00a0h ago' : '']
      : ['none recorded']));
    if (c.infantAgeDays != null) fact('Infant age', plural(c.infantAgeDays, 'day', 'days'));
    if (c.openedAt) fact('Case opened', timeEl(c.openedAt, zone));

    // her open alerts in full; the ones that are over (a newborn's gaps come and go) only counted, History has them
    const alerts = node('ul', 'case__alerts');
    const open = c.alerts.filter((a) => a.status === 'OPEN');
    for (const a of open) {
      alerts.append(node('li', 'alert alert--' + a.type,
        node('span', 'badge badge--' + a.type, a.type ? label(a) : 'Alert'), ' ',
        node('span', 'alert__message', a.message || ''), ' ',
        a.riskSince ? node('span', 'alert__since', 'since ', timeEl(a.riskSince, zone)) : null));
    }
    const over = c.alerts.length - open.length;
    const overLine = over ? node('p', 'case__over muted', plural(over, 'earlier alert', 'earlier alerts')
      + ' of this case resolved or withdrawn', node('span', 'screen-only', ' (see History)'), '.') : null;

    const parts = [heading, chips, facts, open.length ? alerts : null, overLine];
    if (c.note) parts.push(noteLine(c.note, zone));
    li.querySelector('.case__body').replaceChildren(...parts.filter(Boolean));

    li.querySelector('[data-action="ACKNOWLEDGE"]').hidden = c.acknowledged;
    const assign = li.querySelector('[data-action="ASSIGN"]');
    assign.hidden = !state.me || c.assignee === state.me;
  }

  function noteLine(n, zone) {
    const how = [LABEL[n.channel] || n.channel, LABEL[n.outcome] || n.outcome].filter(Boolean).join(' · ');
    return node('p', 'case__note', node('strong', null, 'Latest note: '), how,
      n.text ? ' — ' + n.text : '', n.at ? node('span', 'muted', ' (', timeEl(n.at, zone), n.by ? ', ' + n.by : '', ')') : null);
  }

  // --- staff actions -------------------------------------------------------------------------------------------------

  function toggleForm(li, action, opener) {
    const slot = li.querySelector('.case__form');
    const open = slot.firstElementChild;
    const wasThis = open && open.dataset.action === action;
    closeForm(li, false);
    if (wasThis) return;
    const form = actionForm(li, action);
    slot.append(form);
    opener.setAttribute('aria-expanded', 'true');
    form.querySelector('select, textarea, input').focus();
  }

  function closeForm(li, restoreFocus) {
    const slot = li.querySelector('.case__form');
    const form = slot.firstElementChild;
    if (!form) return;
    const opener = li.querySelector('.case__actions [data-action="' + form.dataset.action + '"]');
    form.remove();
    opener.setAttribute('aria-expanded', 'false');
    if (restoreFocus) opener.focus();
  }

  let fieldIds = 0;
  function field(text, control) {
    control.id = 'f' + (++fieldIds);
    const l = node('label', null, text);
    l.htmlFor = control.id;
    return node('div', 'field', l, control);
  }

  function select(name, options) {
    const s = document.createElement('select');
    s.name = name;
    s.required = true;
    s.append(...options.map(([value, text]) => {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = text;
      return o;
    }));
    return s;
  }

  function actionForm(li, action) {
    const c = state.cases.find((x) => x.participantId === li.dataset.participantId);
    const zone = c ? c.timeZone : 'UTC';
    const form = node('form', 'action-form');
    form.dataset.action = action;
    const legendText = { NOTE: 'Note an outreach', SNOOZE: 'Snooze the case', CLOSE: 'Close the case' }[action];
    const fieldset = node('fieldset', null, node('legend', null, legendText + ' · ' + li.dataset.participantId));
    form.append(fieldset);
    if (action === 'NOTE') {
      const text = document.createElement('textarea');
      text.name = 'text';
      text.maxLength = MAX_TEXT;
      text.rows = 3;
      fieldset.append(field('Channel', select('channel', CHANNELS)), field('Outcome', select('outcome', OUTCOMES)),
        field('Note (up to 2,000 characters)', text));
    } else if (action === 'SNOOZE') {
      const base = state.asOf || new Date();
      fieldset.append(field('Snooze until', select('until', SNOOZE_HOURS.map((h) => {
        const until = new Date(base.getTime() + h * 3600 * 1000);
        return [until.toISOString(), plural(h, 'hour', 'hours') + ' · ' + when(until.toISOString(), zone)];
      }))), node('p', 'hint', 'No notification for this case until then, and it sorts lower in the queue.'));
    } else {
      const reason = document.createElement('input');
      reason.name = 'reason';
      reason.required = true;
      reason.maxLength = MAX_TEXT;
      reason.autocomplete = 'off';
      fieldset.append(field('Reason', reason));
    }
    const submit = node('button', null, { NOTE: 'Save note', SNOOZE: 'Snooze', CLOSE: 'Close case' }[action]);
    submit.type = 'submit';
    const cancel = node('button', 'button-quiet', 'Cancel');
    cancel.type = 'button';
    cancel.addEventListener('click', () => closeForm(li, true));
    fieldset.append(node('div', 'form-buttons', submit, cancel));
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        closeForm(li, true);
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = Object.fromEntries(new FormData(form));
      act(li, { type: action, ...data }, form);
    });
    return form;
  }

  const DONE = {
    ACKNOWLEDGE: 'Acknowledged', ASSIGN: 'Assigned to you', NOTE: 'Note saved', SNOOZE: 'Snoozed', CLOSE: 'Case closed',
  };

  async function act(li, action, form) {
    const caseId = li.dataset.caseId;
    const who = li.dataset.participantId;
    const status = li.querySelector('.case__status');
    // disabling the controls drops keyboard focus: remember where it belongs afterwards
    const trigger = form ? li.querySelector('.case__actions [data-action="' + action.type + '"]') : document.activeElement;
    const place = [...$('case-list').children].indexOf(li);
    const controls = [...li.querySelectorAll('button, select, textarea, input')];
    controls.forEach((c) => { c.disabled = true; });
    status.textContent = 'Saving…';
    let saved = false;
    try {
      const actionId = newId();
      await api('/api/v1/cases/' + encodeURIComponent(caseId) + '/actions', { actionId, ...action });
      saved = true;
      status.textContent = (await applied(caseId, actionId)) ? DONE[action.type] + '.'
        : 'Saved; the queue will show it in a moment.';
      // a confirmation, not a state: the card itself shows what the case is now
      const said = status.textContent;
      setTimeout(() => { if (status.textContent === said) status.textContent = ''; }, STATUS_MS);
      if (action.type === 'CLOSE') announce('Case of ' + who + ' closed.');
      if (form) closeForm(li, false);
    } catch (e) {
      status.textContent = (e.status === 409 ? 'This case changed meanwhile (closed?): ' : 'Not saved: ') + e.message;
    } finally {
      controls.forEach((c) => { c.disabled = false; });
    }
    await loadQueue();
    if (!document.contains(li)) {
      const cards = $('case-list').children;
      const next = cards[Math.min(place, cards.length - 1)];
      (next ? next.querySelector('.case__actions button:not([hidden])') : $('queue')).focus();
    } else if (!saved && form && document.contains(form)) {
      form.querySelector('button[type="submit"]').focus();
    } else {
      const target = trigger && li.contains(trigger) && !trigger.hidden ? trigger
        : li.querySelector('.case__actions button:not([hidden])');
      if (target) target.focus();
    }
  }

  /**
   * Whether the case has taken the action in: the API answers once the action is durably written, and the queue shows
   * it when the stream has applied it to the case, a moment later.
   */
  async function applied(caseId, actionId) {
    const deadline = Date.now() + APPLY_WAIT_MS;
    while (Date.now() < deadline) {
      try {
        const found = await api('/api/v1/cases/' + encodeURIComponent(caseId));
        if (found.actionIds.includes(actionId)) return true;
      } catch (e) {
        // not readable right now (rebalancing): try again until the deadline
      }
      await new Promise((resolve) => setTimeout(resolve, APPLY_POLL_MS));
    }
    return false;
  }

  // --- the daily call list: print and CSV ----------------------------------------------------------------------------

  function csvCell(value) {
    let s = value == null ? '' : String(value);
    // a cell a spreadsheet would read as a formula is kept as text
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function csv() {
    const header = ['rank', 'participantId', 'caseId', 'caseOpened', 'acknowledged', 'assignee', 'snoozedUntil',
      'sessionsLast24h', 'expectedMin', 'lastSession', 'hoursSinceLastSession', 'infantAgeDays', 'timeZone', 'alerts',
      'noteAt', 'noteChannel', 'noteOutcome', 'noteText'];
    const rows = shownCases().map((c, i) => [i + 1, c.participantId, c.caseId,
      c.openedAt && when(c.openedAt, c.timeZone), c.acknowledged ? 'yes' : 'no', c.assignee,
      c.snoozedUntil && when(c.snoozedUntil, c.timeZone), c.sessionsLast24h, c.expectedMin,
      c.lastSessionAt && when(c.lastSessionAt, c.timeZone),
      c.hoursSinceLastSession != null ? Math.floor(c.hoursSinceLastSession) : '', c.infantAgeDays, c.timeZone,
      openKinds(c).join('; '),
      c.note && when(c.note.at, c.timeZone), c.note && LABEL[c.note.channel], c.note && LABEL[c.note.outcome],
      c.note && c.note.text]);
    return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }

  function downloadCsv() {
    // the byte-order mark makes spreadsheet programs read the file as UTF-8, so accented names survive
    const blob = new Blob(['\ufeff' + csv()], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'call-list-' + state.clinic.replace(/[^A-Za-z0-9_-]/g, '_') + '.csv';
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(a.href);
  }

  // --- one mother: numbers, timeline, history ------------------------------------------------------------------------

  let participantTimer = null;
  function scheduleParticipant(participantId) {
    clearTimeout(participantTimer);
    participantTimer = setTimeout(() => showParticipant(participantId, false), REFRESH_DEBOUNCE_MS);
  }

  async function showParticipant(participantId, moveFocus) {
    state.selected = participantId;
    const detail = $('detail');
    detail.hidden = false;
    $('detail-heading').textContent = 'Mother ' + participantId;
    if (moveFocus) $('detail-heading').focus();
    const base = '/api/v1/participants/' + encodeURIComponent(participantId);
    try {
      const [status, sessions, past] = await Promise.all([
        api(base + '/status'), api(base + '/sessions?hours=48'), api(base + '/history?days=30')]);
      if (state.selected !== participantId) return;
      $('detail-error').hidden = true;
      noteTime(status.asOf);
      summary(status);
      state.timelineData = { data: sessions, openAlerts: status.openAlerts, zone: status.timeZone };
      timeline();
      renderHistory(past, status.timeZone);
    } catch (e) {
      if (state.selected !== participantId) return;
      $('detail-error').hidden = false;
      $('detail-error').textContent = 'Could not load ' + participantId + ': ' + e.message;
    }
  }

  function summary(s) {
    const rows = [];
    const zone = s.timeZone;
    const count = node('span', null, s.sessionsLast24h + (s.expectedMin != null ? ' (guidance: at least ' + s.expectedMin + ')' : ''));
    if (s.expectedMin != null && s.sessionsLast24h < s.expectedMin) count.className = 'below';
    rows.push(['Sessions in the last 24\u00a0h', count]);
    rows.push(['Last session', s.lastSessionAt ? timeEl(s.lastSessionAt, zone) : 'none recorded']);
    rows.push(['Infant age', plural(s.infantAgeDays, 'day', 'days')]);
    const today = Object.entries(s.today.counts)
      .filter(([, n]) => n > 0)
      .map(([type, n]) => n + ' ' + (COUNT_LABEL[type] ? COUNT_LABEL[type][n === 1 ? 0 : 1] : type))
      .join(', ');
    const expressed = s.today.expressedMl > 0 ? '; ' + Math.round(s.today.expressedMl) + ' ml expressed' : '';
    rows.push(['Today (' + s.today.date + ')', (today || 'nothing recorded yet') + expressed]);
    rows.push(['Open alerts', s.openAlerts.length ? s.openAlerts.map(label).join(', ') : 'none']);
    rows.push(['Clinic', s.clinicId]);
    rows.push(['Time zone', zone]);
    $('detail-summary').replaceChildren(...rows.flatMap(([term, value]) => [node('dt', null, term), node('dd', null, value)]));
  }

  const CASE_CHANGE = {
    OPENED: 'Case opened', ESCALATED: 'Case escalated', CLOSED: 'Case closed', REOPENED: 'Case reopened',
    CLINIC_CHANGED: 'Case moved to another clinic',
  };

  /**
   * Her alert records, staff actions and the case records that say something of their own (opened, escalated, closed),
   * newest first: a case record that repeats an action or an alert is left out. Each is dated by what it reports (the
   * risk's start, the case's opening), not by when the record was made, which can be much later for late data.
   */
  function renderHistory(past, zone) {
    const items = [];
    for (const e of past.entries) {
      if (e.kind === 'ALERT') {
        const a = e.alert;
        const at = a.status === 'OPEN' ? a.riskSince : a.resolvedAt || e.at;
        items.push([at, label(a) + ' · ' + a.status.toLowerCase() + (a.message ? ': ' + a.message : '')]);
      } else if (e.kind === 'CASE' && CASE_CHANGE[e.case.change]) {
        const c = e.case;
        const at = { OPENED: c.openedAt, CLOSED: c.closedAt, ESCALATED: c.lastNotifiedAt }[c.change] || e.at;
        const why = c.change === 'CLOSED' && c.closeReason ? ' · ' + c.closeReason.toLowerCase().replace(/_/g, ' ')
          + (c.closeNote ? ': ' + c.closeNote : '')
          : ESCALATION_LABEL[c.notification] ? ' · ' + ESCALATION_LABEL[c.notification] : '';
        items.push([at, CASE_CHANGE[c.change] + why]);
      } else if (e.kind === 'ACTION') {
        items.push([e.action.requestedAt || e.at, actionText(e.action)]);
      }
    }
    // newest first; records of the same instant keep the order they were made in, newest first too
    items.reverse();
    items.sort((x, y) => new Date(y[0]) - new Date(x[0]));
    $('history-list').replaceChildren(...items.map(([at, text]) => node('li', null, timeEl(at, zone), node('span', null, text))));
    $('history-empty').hidden = items.length > 0;
    $('history-empty').textContent = 'Nothing in the last 30 days.';
  }

  function actionText(a) {
    const by = a.staffId ? ' (' + a.staffId + ')' : '';
    switch (a.type) {
      case 'ACKNOWLEDGE': return 'Acknowledged' + by;
      case 'ASSIGN': return 'Assigned to ' + a.assignee + by;
      case 'SNOOZE': return 'Snoozed' + by;
      case 'NOTE': return 'Outreach · ' + [LABEL[a.channel], LABEL[a.outcome]].filter(Boolean).join(' · ') + by
        + (a.text ? ': ' + a.text : '');
      case 'CLOSE': return 'Closed' + by + (a.text ? ': ' + a.text : '');
      case 'REOPEN': return 'Reopened' + by;
      default: return a.type + by;
    }
  }

  function svgEl(name, attrs, text) {
    const n = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text != null) n.textContent = text;
    return n;
  }

  // Drawn in the SVG's own CSS pixels (the viewBox follows its width), so labels keep their size on a phone and fewer
  // hour labels are drawn when there is no room for more.
  function timeline() {
    if (!state.timelineData) return;
    const { data, openAlerts, zone } = state.timelineData;
    const svg = $('timeline');
    const width = Math.max(280, Math.round(svg.getBoundingClientRect().width) || 560);
    svg.setAttribute('viewBox', '0 0 ' + width + ' 150');
    const from = new Date(data.from).getTime();
    const to = new Date(data.to).getTime();
    const left = 12;
    const right = width - 12;
    const top = 24;
    const axisY = 104;
    const x = (t) => left + ((t - from) / (to - from)) * (right - left);
    const narrow = width < 480;
    const every = narrow ? 12 : 6;
    const parts = [];
    // drawn last, over the grid and the sessions
    const riskLabels = [];

    openAlerts.forEach((alert, i) => {
      const start = Math.max(from, new Date(alert.riskSince).getTime());
      parts.push(svgEl('rect', { class: 'risk', x: x(start), y: top, width: Math.max(2, right - x(start)), height: axisY - top }));
      // one line per alert, so that two risks starting close together do not write over each other
      const nearEnd = x(start) > right - 140;
      riskLabels.push(svgEl('text', {
        class: 'risk-label', x: nearEnd ? right - 4 : x(start) + 4, y: top + 16 + 17 * i, 'text-anchor': nearEnd ? 'end' : 'start',
      }, label(alert)));
    });
    const hour = 3600 * 1000;
    for (let t = Math.ceil(from / hour) * hour; t <= to; t += hour) {
      const h = hourIn(t, zone);
      if (h % every !== 0) continue;
      const midnight = h === 0;
      parts.push(svgEl('line', { class: midnight ? 'midnight' : 'grid', x1: x(t), x2: x(t), y1: top, y2: axisY }));
      if (midnight) {
        const nearEnd = x(t) > right - (narrow ? 44 : 90);
        parts.push(svgEl('text', {
          class: 'day-label', x: x(t) + (nearEnd ? -4 : 4), y: axisY + 36, 'text-anchor': nearEnd ? 'end' : 'start',
        }, dayLabel(t, zone, narrow)));
      } else if (x(t) > left + 24 && x(t) < right - 24) {
        parts.push(svgEl('text', { class: 'tick-label', x: x(t), y: axisY + 18, 'text-anchor': 'middle' }, hourLabel(t, zone)));
      }
    }
    parts.push(svgEl('line', { class: 'axis', x1: left, x2: right, y1: axisY, y2: axisY }));
    for (const s of data.sessions) {
      const sx = x(new Date(s).getTime());
      parts.push(svgEl('line', { class: 'session-line', x1: sx, x2: sx, y1: axisY, y2: 62 }));
      const dot = svgEl('circle', { class: 'session-dot', cx: sx, cy: 58, r: 6 });
      dot.append(svgEl('title', {}, 'Session at ' + when(s, zone)));
      parts.push(dot);
    }
    parts.push(...riskLabels);
    parts.push(svgEl('line', { class: 'now', x1: right, x2: right, y1: top - 4, y2: axisY + 4 }));
    parts.push(svgEl('text', { class: 'tick-label', x: right - 4, y: top - 8, 'text-anchor': 'end' }, 'now'));

    const n = data.sessions.length;
    const desc = svgEl('desc', { id: 'timeline-desc' }, plural(n, 'session', 'sessions') + ' between ' + when(data.from, zone)
      + ' and ' + when(data.to, zone) + (n ? '; the latest at ' + when(data.sessions[n - 1], zone) : '') + '.');
    svg.replaceChildren(desc, ...parts);
    dropOverlappingLabels(svg, width);

    $('session-list').replaceChildren(...(n ? data.sessions.map((s) => node('li', null, when(s, zone)))
      : [node('li', null, 'No sessions recorded in these 48 hours.')]));
  }

  /** A label that would run past the edge or over another one is left out: better missing than unreadable. */
  function dropOverlappingLabels(svg, width) {
    const kept = [];
    for (const text of svg.querySelectorAll('text')) {
      const b = text.getBBox();
      if (!b.width) return; // not rendered (the panel is hidden): nothing to measure
      const hit = b.x < 0 || b.x + b.width > width
        || kept.some((k) => b.x < k.x + k.width + 4 && k.x < b.x + b.width + 4 && b.y < k.y + k.height && k.y < b.y + b.height);
      if (hit) text.remove();
      else kept.push(b);
    }
  }

  function closeDetail() {
    state.selected = null;
    state.timelineData = null;
    $('detail').hidden = true;
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
    loadMe();
    if (state.clinic) selectClinic(state.clinic);
  });
  $('mine').addEventListener('change', () => {
    state.mineOnly = $('mine').checked;
    renderQueue();
  });
  $('print').addEventListener('click', () => window.print());
  $('csv').addEventListener('click', downloadCsv);
  $('detail-close').addEventListener('click', closeDetail);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('detail').hidden) closeDetail();
  });
  let lastWidth = 0;
  new ResizeObserver(([e]) => {
    const w = Math.round(e.contentRect.width);
    if (w !== lastWidth) {
      lastWidth = w;
      timeline();
    }
  }).observe($('timeline'));

  loadClinics();
  loadMe();
  const fromHash = /^#clinic=(.+)$/.exec(location.hash);
  if (fromHash) {
    $('clinic').value = decodeURIComponent(fromHash[1]);
    selectClinic($('clinic').value);
  }
})();
