// The LiveInsight async snippet, exactly as a site pastes it: calls made before /tracker.js arrives are queued
// (with their time) and replayed by the tracker.
(function (w, d, n) {
  var l = (w[n] = w[n] || { q: [] });
  'init track identify optOut optIn flush'.split(' ').forEach(function (m) {
    l[m] = l[m] || function () { l.q.push([m, arguments, Date.now()]); };
  });
  var s = d.createElement('script');
  s.async = true;
  s.src = '/tracker.js';
  d.head.appendChild(s);
})(window, document, 'LiveInsight');
// /demo?site=<write key> sends as that site (docs/contract/sites.md#keys); without it, as the default site.
(function () {
  var site = new URLSearchParams(window.location.search).get('site');
  var options = { endpoint: '/events', flushInterval: 2000 };
  if (site && /^li_pub_[a-z2-7]{26}$/.test(site)) {
    options.site = site;
  }
  LiveInsight.init(options);
})();

// A tiny single-page shop: product views, add to cart with product properties, a purchase, history navigation.
(function () {
  var CURRENCY = 'EUR';
  var PRODUCTS = [
    { id: 'p1', name: 'Trail running shoes', price: 89.9, category: 'shoes' },
    { id: 'p2', name: 'Merino wool socks', price: 14.5, category: 'socks' },
    { id: 'p3', name: 'Waterproof jacket', price: 149, category: 'jackets' },
    { id: 'p4', name: 'Running cap', price: 19.99, category: 'accessories' },
  ];
  var app = document.getElementById('app');
  var cart = JSON.parse(sessionStorage.getItem('demo_cart') || '[]');

  function product(id) {
    return PRODUCTS.filter(function (p) { return p.id === id; })[0];
  }
  function money(n) {
    return n.toFixed(2) + ' ' + CURRENCY;
  }
  function saveCart() {
    sessionStorage.setItem('demo_cart', JSON.stringify(cart));
    document.getElementById('cart-count').textContent = cart.length;
  }
  function filler(n) {
    var text = '';
    for (var i = 1; i <= n; i++) {
      text += '<p>Detail ' + i + ': tested on wet rock, gravel and city streets; recycled materials; free returns within 30 days.</p>';
    }
    return text;
  }

  function render() {
    var path = location.pathname.replace(/\/+$/, '');
    var match = path.match(/^\/demo\/product\/(\w+)$/);
    window.scrollTo(0, 0);
    if (match && product(match[1])) return renderProduct(product(match[1]));
    if (path === '/demo/cart') return renderCart();
    if (path === '/demo/thanks') return renderThanks();
    renderList();
  }

  function renderList() {
    document.title = 'Products - LiveInsight demo shop';
    app.innerHTML = '<h1>Products</h1><ul class="grid">' + PRODUCTS.map(function (p) {
      return '<li><a class="card" id="product-' + p.id + '" href="/demo/product/' + p.id + '" data-nav>' +
        '<span class="name">' + p.name + '</span><span class="price">' + money(p.price) + '</span></a></li>';
    }).join('') + '</ul><section class="story"><h2>Why this shop exists</h2>' + filler(12) + '</section>';
  }

  function renderProduct(p) {
    document.title = p.name + ' - LiveInsight demo shop';
    app.innerHTML = '<article><h1>' + p.name + '</h1><p class="price">' + money(p.price) + '</p>' +
      '<button id="add-to-cart" type="button" data-li-track="add-to-cart">Add to cart</button> ' +
      '<a id="back-to-products" href="/demo" data-nav>Back to products</a>' +
      '<section class="details"><h2>Details</h2>' + filler(40) + '</section></article>';
    document.getElementById('add-to-cart').addEventListener('click', function () {
      cart.push(p.id);
      saveCart();
      LiveInsight.track('add_to_cart', {
        product_id: p.id, name: p.name, price: p.price, currency: CURRENCY, category: p.category, quantity: 1,
        cart_size: cart.length,
      });
    });
    LiveInsight.track('product_view', { product_id: p.id, name: p.name, price: p.price, currency: CURRENCY, category: p.category });
  }

  function renderCart() {
    document.title = 'Cart - LiveInsight demo shop';
    var total = cart.reduce(function (sum, id) { return sum + product(id).price; }, 0);
    app.innerHTML = '<h1>Cart</h1>' + (cart.length
      ? '<ul>' + cart.map(function (id) { return '<li>' + product(id).name + ' ' + money(product(id).price) + '</li>'; }).join('') +
        '</ul><p>Total: <strong>' + money(total) + '</strong></p><button id="purchase" type="button">Buy now</button>'
      : '<p>Your cart is empty. <a href="/demo" data-nav>Find something</a>.</p>');
    var buy = document.getElementById('purchase');
    if (buy) buy.addEventListener('click', function () {
      LiveInsight.track('purchase', {
        order_id: 'order-' + Date.now().toString(36), revenue: Math.round(total * 100) / 100, currency: CURRENCY,
        items: cart.length, product_ids: cart.join(','),
      });
      cart = [];
      saveCart();
      navigate('/demo/thanks');
    });
  }

  function renderThanks() {
    document.title = 'Thank you - LiveInsight demo shop';
    app.innerHTML = '<h1>Thank you!</h1><p>Your order is on its way. <a href="/demo" data-nav>Keep shopping</a>.</p>';
  }

  function navigate(href) {
    history.pushState({}, '', href);
    render();
  }

  // In-page links: history navigation instead of a page load (the tracker sees pushState and popstate).
  document.addEventListener('click', function (e) {
    var link = e.target.closest('a[data-nav]');
    if (!link || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    if (link.getAttribute('href') !== location.pathname) navigate(link.getAttribute('href'));
  });
  window.addEventListener('popstate', render);

  var privacy = document.getElementById('privacy');
  function privacyLabel() {
    privacy.textContent = localStorage.getItem('li_out') === '1' ? 'Opt back in to tracking' : 'Opt out of tracking';
  }
  privacy.addEventListener('click', function () {
    localStorage.getItem('li_out') === '1' ? LiveInsight.optIn() : LiveInsight.optOut();
    privacyLabel();
  });

  privacyLabel();
  saveCart();
  render();
})();
