// Live notifications on every signed-in page: listens to /api/v1/notifications/stream (Server-Sent Events),
// bumps the unread badge in the navigation and, on the newest page of /notifications, prepends each arrival.
// The stream starts after the latest notification the page was rendered with (data-latest), so nothing that
// arrives between rendering and connecting is lost; after a dropped connection the browser reconnects by
// itself and sends Last-Event-ID (the id of the last notification received), which the server prefers over
// the query parameter, so nothing is replayed twice either. Server data only ever goes into textContent
// and attribute values: it is never parsed as HTML.
(function () {
  'use strict';

  var badge = document.getElementById('unread-count');
  if (!badge || typeof window.EventSource !== 'function') {
    return;
  }
  var seen = {};

  function streamUrl() {
    var latest = badge.getAttribute('data-latest');
    var url = '/api/v1/notifications/stream';
    return /^[0-9]+$/.test(latest || '') ? url + '?lastEventId=' + latest : url;
  }

  // Same rule as the server: a path on this site, else the notifications page.
  function safeHref(link) {
    return typeof link === 'string' && link.charAt(0) === '/' && link.charAt(1) !== '/' && link.indexOf('\\') < 0
      ? link : '/notifications';
  }

  function time(iso) {
    return typeof iso === 'string' && iso.length >= 16 ? iso.substring(0, 10) + ' ' + iso.substring(11, 16) + ' UTC' : '';
  }

  function bump() {
    var n = parseInt(badge.textContent, 10);
    badge.textContent = String((isNaN(n) ? 0 : n) + 1);
    badge.classList.remove('zero');
  }

  function csrfToken() {
    var input = document.querySelector('#mark-all-read-form input[name="_csrf"]');
    return input ? input.value : null;
  }

  function markReadForm(id) {
    var token = csrfToken();
    if (!token) {
      return null;
    }
    var form = document.createElement('form');
    form.className = 'mark-read';
    form.method = 'post';
    form.action = '/notifications/' + encodeURIComponent(id) + '/read';
    var csrf = document.createElement('input');
    csrf.type = 'hidden';
    csrf.name = '_csrf';
    csrf.value = token;
    form.appendChild(csrf);
    var button = document.createElement('button');
    button.type = 'submit';
    button.textContent = 'Mark read';
    form.appendChild(button);
    return form;
  }

  function prepend(n) {
    var list = document.getElementById('notification-list');
    if (!list || list.getAttribute('data-live') !== 'true') {
      return;
    }
    var existing = list.querySelectorAll('li[data-id]');
    for (var i = 0; i < existing.length; i++) {
      if (existing[i].getAttribute('data-id') === n.id) {
        return;
      }
    }
    var empty = document.getElementById('no-notifications');
    if (empty) {
      empty.parentNode.removeChild(empty);
    }
    var li = document.createElement('li');
    li.className = 'notification ' + (n.read ? 'read' : 'unread') + ' live';
    li.setAttribute('data-id', n.id);
    var a = document.createElement('a');
    a.className = 'subject';
    a.href = safeHref(n.link);
    a.textContent = n.title || '';
    li.appendChild(a);
    li.appendChild(document.createTextNode(' '));
    var meta = document.createElement('span');
    meta.className = 'muted meta';
    meta.textContent = (n.kind || '') + ' \u00b7 ' + (n.team || '\u2014') + ' \u00b7 ' + time(n.createdAt);
    li.appendChild(meta);
    if (!n.read) {
      var form = markReadForm(n.id);
      if (form) {
        li.appendChild(form);
      }
    }
    list.insertBefore(li, list.firstChild);
  }

  function onNotification(event) {
    var n;
    try {
      n = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (!n || typeof n.id !== 'string' || seen[n.id]) {
      return;
    }
    seen[n.id] = true;
    // A fresh connection (below) continues after the last notification received.
    badge.setAttribute('data-latest', n.id);
    if (!n.read) {
      bump();
    }
    prepend(n);
  }

  // The browser reconnects by itself after a dropped connection; it gives up when an answer is not a stream
  // (a proxy's 502 during a deployment, a 401 after signing out): then try again a few times, more slowly.
  var retries = 0;
  var delay = 5000;

  function connect() {
    var source = new EventSource(streamUrl());
    source.addEventListener('ready', function () {
      badge.setAttribute('data-stream', 'open');
      retries = 0;
      delay = 5000;
    });
    source.addEventListener('notification', onNotification);
    source.addEventListener('error', function () {
      if (source.readyState !== EventSource.CLOSED) {
        badge.setAttribute('data-stream', 'reconnecting');
        return;
      }
      badge.setAttribute('data-stream', 'closed');
      if (retries < 10) {
        retries++;
        window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, 60000);
      }
    });
  }

  connect();
})();
