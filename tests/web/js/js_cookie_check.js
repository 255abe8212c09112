// Runs js-cookie 3 and the official CookieStorage on strings sent by tests/web as JSON on stdin,
// with a fake `document` that records every cookie written. NODE_PATH points at the
// node_modules of tests/interop/js (installed by `make js`).
'use strict';

const written = [];
let cookieHeader = '';
globalThis.document = {
  get cookie() { return cookieHeader; },
  set cookie(text) { written.push(text); },
};

const Cookies = require('js-cookie');
const { CookieStorage } = require('amazon-cognito-identity-js');

function lastWrite(action) {
  written.length = 0;
  action();
  return written[written.length - 1];
}

function encodeName(name) {
  const text = lastWrite(() => Cookies.set(name, 'v'));
  return text.slice(0, text.indexOf('=v; path=/'));
}

function encodeValue(value) {
  const text = lastWrite(() => Cookies.set('k', value));
  return text.slice(2, text.lastIndexOf('; path=/'));
}

function readHeader(header) {
  cookieHeader = header;
  return Cookies.get();
}

function construct(options) {
  try {
    const storage = new CookieStorage(options);
    return { error: null, setItem: lastWrite(() => storage.setItem('a b', 'x;y')) };
  } catch (error) {
    return { error: error.message };
  }
}

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const request = JSON.parse(input);
  process.stdout.write(JSON.stringify({
    names: request.names.map(encodeName),
    values: request.values.map(encodeValue),
    reads: request.headers.map(readHeader),
    storages: request.storages.map(construct),
  }));
});
