/* Customer display: subscribes to cartUpdated for the terminal its DISPLAY
   token is bound to, and shows the cart in large type. Reconnects forever. */
(function () {
  'use strict';

  var SUBSCRIPTION =
    'subscription Display($terminalId: ID!) { cartUpdated(terminalId: $terminalId) {' +
    ' terminalId cartId event status version currency' +
    ' items { name quantity unitPrice discountAmount lineTotal }' +
    ' subtotal discountAmount taxAmount totalAmount paidAmount amountDue changeDue } }';
  /* After a sale ends the screen thanks the customer, then goes idle. */
  var THANKS_MS = 8000;
  /* Events missed during a network drop are not replayed: a cart left on screen
     with no change for this long is taken as finished. */
  var STALE_MS = 5 * 60 * 1000;
  var TOKEN_KEY = 'displayToken';
  var FINAL_EVENTS = { COMPLETED: true, CLEARED: true, VOIDED: true, PARKED: true };

  var $ = function (id) { return document.getElementById(id); };
  var lastVersion = {};
  var idleTimer = null;
  var staleTimer = null;

  function tokenFromFragment() {
    var match = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function terminalOf(token) {
    try {
      var payload = token.split('.')[1] || '';
      var claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
      return claims.knd === 'DISPLAY' && typeof claims.trm === 'string' ? claims.trm : null;
    } catch (e) {
      return null;
    }
  }

  function money(value, currency) {
    return value == null ? '' : currency + ' ' + value;
  }

  function setStatus(state, text) {
    var footer = $('status');
    footer.dataset.state = state;
    footer.textContent = text;
  }

  function showIdle() {
    clearTimeout(idleTimer);
    clearTimeout(staleTimer);
    $('idle').hidden = false;
    $('cart').hidden = true;
  }

  function render(display) {
    // Events can arrive out of order across reconnects: never go back in version.
    if (lastVersion[display.cartId] != null && display.version < lastVersion[display.cartId]) return;
    lastVersion[display.cartId] = display.version;
    clearTimeout(idleTimer);
    clearTimeout(staleTimer);

    var finished = FINAL_EVENTS[display.event] === true;
    if (finished && display.event !== 'COMPLETED') { showIdle(); return; }
    if (!display.items.length && !finished) { showIdle(); return; }

    $('idle').hidden = true;
    $('cart').hidden = false;
    var body = $('lines').tBodies[0];
    body.innerHTML = '';
    display.items.forEach(function (item) {
      var row = body.insertRow();
      row.insertCell().textContent = item.name;
      row.insertCell().textContent = item.quantity;
      row.insertCell().textContent = item.unitPrice;
      row.insertCell().textContent = item.lineTotal;
      row.cells[1].className = 'qty';
      row.cells[2].className = row.cells[3].className = 'money';
      if (item.discountAmount && Number(item.discountAmount) !== 0) {
        var note = body.insertRow().insertCell();
        note.colSpan = 4;
        note.className = 'discount';
        note.textContent = 'discount -' + item.discountAmount;
      }
    });
    var c = display.currency;
    $('subtotal').textContent = money(display.subtotal, c);
    $('discount').textContent = '-' + money(display.discountAmount, c);
    $('discount').hidden = $('discount-label').hidden = Number(display.discountAmount) === 0;
    $('tax').textContent = money(display.taxAmount, c);
    $('total').textContent = money(display.totalAmount, c);
    $('paid').textContent = money(display.paidAmount, c);
    $('paid').hidden = $('paid-label').hidden = Number(display.paidAmount) === 0;
    $('due').textContent = money(display.amountDue, c);
    $('due').hidden = $('due-label').hidden = finished || Number(display.paidAmount) === 0;
    $('change').textContent = money(display.changeDue, c);
    $('change').hidden = $('change-label').hidden = Number(display.changeDue) === 0;
    $('thanks').hidden = !finished;
    if (finished) idleTimer = setTimeout(showIdle, THANKS_MS);
    else staleTimer = setTimeout(showIdle, STALE_MS);
  }

  function askForToken(message) {
    localStorage.removeItem(TOKEN_KEY);
    $('screen').hidden = true;
    $('setup').hidden = false;
    setStatus('error', message);
  }

  function connect(token) {
    var terminalId = terminalOf(token);
    if (!terminalId) { askForToken('that is not a DISPLAY device token'); return; }
    var refused = false;
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql';
    var client = graphqlWs.createClient({
      url: url,
      connectionParams: { authorization: 'Bearer ' + token },
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: function () { return true; },
      retryWait: function (retries) {
        return new Promise(function (resolve) { setTimeout(resolve, Math.min(30000, 500 * Math.pow(2, retries))); });
      },
      on: {
        connected: function () { setStatus('connected', 'connected'); },
        closed: function (event) {
          // 4403: the server refused the token (revoked, terminal deactivated); retrying cannot help.
          if (event && event.code === 4403) {
            refused = true;
            client.dispose();
            askForToken('the server refused this token');
          } else {
            setStatus('reconnecting', 'reconnecting…');
          }
        },
      },
    });
    client.subscribe(
      { query: SUBSCRIPTION, variables: { terminalId: terminalId } },
      {
        next: function (result) {
          if (result.data && result.data.cartUpdated) render(result.data.cartUpdated);
          if (result.errors) setStatus('error', result.errors[0].message);
        },
        error: function (error) { setStatus('error', String((error && error.message) || error)); },
        complete: function () { if (!refused) setStatus('error', 'subscription ended'); },
      },
    );
    $('screen').hidden = false;
    showIdle();
  }

  $('setup').addEventListener('submit', function (event) {
    event.preventDefault();
    var value = $('token-input').value.trim();
    localStorage.setItem(TOKEN_KEY, value);
    $('setup').hidden = true;
    connect(value);
  });

  // A token in the URL fragment (never sent to the server) is kept on this device and taken out of the address bar.
  var fromUrl = tokenFromFragment();
  if (fromUrl) {
    localStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', location.pathname + location.search);
  }
  var token = fromUrl || localStorage.getItem(TOKEN_KEY);
  if (token) connect(token);
  else $('setup').hidden = false;
})();
