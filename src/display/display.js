/* Customer display: subscribes to cartUpdated for the terminal its DISPLAY
   token is bound to, and shows the cart in large type. Reconnects forever. */
(function () {
  'use strict';

  var SUBSCRIPTION =
    'subscription Display($terminalId: ID!) { cartUpdated(terminalId: $terminalId) {' +
    ' terminalId cartId event status version currency storeName pricesIncludeTax' +
    ' items { name quantity unitPrice discountAmount amount }' +
    ' subtotal discountAmount taxAmount totalAmount roundingAdjustment paidAmount amountDue changeDue } }';
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

  var formats = {};
  /* Amounts in the currency's own format for this screen's locale ("$7.35", "7,35 €"). The API's
     decimal strings have at most 4 places, well within a double's exact range for display. */
  function money(value, currency) {
    if (value == null) return '';
    if (!formats[currency]) {
      try {
        formats[currency] = new Intl.NumberFormat(navigator.language, { style: 'currency', currency: currency });
      } catch (e) {
        formats[currency] = { format: function (n) { return currency + ' ' + n; } };
      }
    }
    return formats[currency].format(Number(value));
  }

  function show(id, visible) {
    $(id).hidden = $(id + '-label').hidden = !visible;
  }

  var isZero = function (value) { return Number(value) === 0; };

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
    var c = display.currency;
    $('store').textContent = display.storeName;
    var body = $('lines').tBodies[0];
    body.innerHTML = '';
    // Lines, subtotal and discounts share one basis: the shelf price (with tax when prices include it).
    display.items.forEach(function (item) {
      var row = body.insertRow();
      row.insertCell().textContent = item.name;
      row.insertCell().textContent = item.quantity;
      row.insertCell().textContent = money(item.unitPrice, c);
      row.insertCell().textContent = money(item.amount, c);
      row.cells[1].className = 'qty';
      row.cells[2].className = row.cells[3].className = 'money';
      if (!isZero(item.discountAmount)) {
        var note = body.insertRow().insertCell();
        note.colSpan = 4;
        note.className = 'discount';
        note.textContent = 'You save ' + money(item.discountAmount, c);
      }
    });
    $('subtotal').textContent = money(display.subtotal, c);
    $('discount').textContent = '-' + money(display.discountAmount, c);
    show('discount', !isZero(display.discountAmount));
    $('tax-label').textContent = display.pricesIncludeTax ? 'Tax included' : 'Tax';
    $('tax').textContent = (display.pricesIncludeTax ? '' : '+') + money(display.taxAmount, c);
    $('total').textContent = money(display.totalAmount, c);
    var rounding = Number(display.roundingAdjustment);
    $('rounding').textContent = (rounding > 0 ? '+' : rounding < 0 ? '-' : '') + money(Math.abs(rounding), c);
    show('rounding', rounding !== 0);
    $('paid').textContent = money(display.paidAmount, c);
    show('paid', !isZero(display.paidAmount));
    $('due').textContent = money(display.amountDue, c);
    show('due', !finished && !isZero(display.paidAmount));
    $('change').textContent = money(display.changeDue, c);
    show('change', !isZero(display.changeDue));
    $('savings').textContent = 'You saved ' + money(display.discountAmount, c);
    $('savings').hidden = isZero(display.discountAmount);
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
