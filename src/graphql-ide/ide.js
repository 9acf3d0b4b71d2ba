// A small GraphQL IDE for development, served by this server (no CDN, so it works offline).
(function () {
  const $ = (id) => document.getElementById(id);
  const endpoint = location.pathname;
  const saved = (key, fallback) => localStorage.getItem('pos-ide.' + key) ?? fallback;
  $('query').value = saved('query', '{\n  me { email roles }\n}\n');
  $('variables').value = saved('variables', '{}');
  $('auth').value = saved('auth', '');

  async function post(body) {
    const headers = { 'content-type': 'application/json' };
    if ($('auth').value.trim()) headers.authorization = $('auth').value.trim();
    const res = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body) });
    return res.json();
  }

  async function run() {
    for (const key of ['query', 'variables', 'auth']) localStorage.setItem('pos-ide.' + key, $(key).value);
    let variables;
    try {
      variables = JSON.parse($('variables').value || '{}');
    } catch (error) {
      $('result').textContent = 'Variables are not JSON: ' + error.message;
      return;
    }
    $('result').textContent = '…';
    try {
      const result = await post({ query: $('query').value, variables });
      $('result').textContent = JSON.stringify(result, null, 2);
      const token = result.data?.login?.token;
      if (token) $('auth').value = 'Bearer ' + token; // signing in fills the header for the next request
    } catch (error) {
      $('result').textContent = String(error);
    }
  }

  const typeName = (t) => (t.kind === 'NON_NULL' ? typeName(t.ofType) + '!' : t.kind === 'LIST' ? '[' + typeName(t.ofType) + ']' : t.name);

  async function loadSchema() {
    const query = `{ __schema { queryType { name } mutationType { name } subscriptionType { name }
      types { name fields { name args { name type { ...T } } type { ...T } } } } }
      fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;
    const result = await post({ query });
    const box = $('schema');
    if (!result.data) {
      box.textContent = 'introspection is off';
      return;
    }
    const { __schema: s } = result.data;
    box.textContent = '';
    for (const root of [s.queryType, s.mutationType, s.subscriptionType].filter(Boolean)) {
      const type = s.types.find((t) => t.name === root.name);
      const title = document.createElement('h3');
      title.textContent = root.name;
      box.append(title);
      for (const field of type.fields) {
        const line = document.createElement('div');
        const args = field.args.map((a) => a.name + ': ' + typeName(a.type)).join(', ');
        line.textContent = field.name + (args ? '(' + args + ')' : '') + ': ' + typeName(field.type);
        line.dataset.name = field.name.toLowerCase();
        line.onclick = () => ($('query').value += '\n' + field.name);
        box.append(line);
      }
    }
  }

  $('filter').oninput = () => {
    const q = $('filter').value.toLowerCase();
    for (const line of $('schema').querySelectorAll('div')) line.hidden = !line.dataset.name.includes(q);
  };
  $('run').onclick = run;
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') run();
  });
  loadSchema().catch((error) => ($('schema').textContent = String(error)));
})();
