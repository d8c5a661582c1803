import type { ApiTarget } from '../util/resolve-import.js';

/** The HTTP client families `require-request-timeout` knows, as its `clients` option names them. */
export const REQUEST_CLIENTS = ['fetch', 'undici', 'axios', 'got', 'http'] as const;
export type RequestClient = (typeof REQUEST_CLIENTS)[number];

/**
 * How a deadline is given to a request:
 * - 'signal': `signal: AbortSignal.timeout(ms)` in the options (fetch, undici, http.request);
 * - 'timeout': `timeout: ms` (axios);
 * - 'timeoutObject': `timeout: { request: ms }` (got 12+ accepts only the object form; got 11 both).
 */
export type DeadlineRemedy = 'signal' | 'timeout' | 'timeoutObject';

/** One request-making call: where its options go and which of their keys bound its lifetime. */
export interface RequestApi {
  client: RequestClient;
  /** How the call is named in messages. */
  name: string;
  /** The index of the options argument when the arguments before it are written (`fetch(url, init)`: 1). */
  optionsIndex: number;
  /** The first argument may be the options object itself: `axios({ url })`, `http.request({ host, path })`. */
  optionsMayComeFirst?: boolean;
  /** A trailing callback may follow the options and be written without them: `http.get(url, callback)`. */
  callbackLast?: boolean;
  /**
   * The call returns a request object that can still be given a timeout (`req.setTimeout(ms)`) or be
   * handed elsewhere to be managed (http.ClientRequest).
   */
  returnsRequest?: boolean;
  /** Option keys that end or cancel the request, or show its lifetime was chosen: any of them present, nothing is reported. */
  deadlineKeys: ReadonlySet<string>;
  remedy: DeadlineRemedy;
}

/** A call that creates a client instance whose requests inherit its options: `axios.create(config)`, `got.extend(options)`. */
export interface ClientFactory {
  client: RequestClient;
  /** The instance's own calls, by method name ('' for calling the instance itself). */
  methods: ReadonlyMap<string, RequestApi>;
  /** Where the instance keeps defaults that can be set later (`api.defaults.timeout = 5000`). */
  defaultsPath: readonly string[];
}

// fetch: Node's (undici) also takes a `dispatcher`, which carries its own timeouts. `keepalive` marks a
// beacon meant to outlive the page (analytics, logging on unload): nothing waits on it.
const FETCH_KEYS = new Set(['signal', 'dispatcher', 'keepalive']);
// node-fetch 2 has its own `timeout` option.
const NODE_FETCH_KEYS = new Set(['signal', 'timeout', 'agent']);
const UNDICI_KEYS = new Set(['signal', 'headersTimeout', 'bodyTimeout', 'dispatcher']);
const AXIOS_KEYS = new Set(['timeout', 'signal', 'cancelToken']);
const GOT_KEYS = new Set(['timeout', 'signal']);
// `timeout` only emits 'timeout' on the request; a listener must destroy it. It still shows the author chose one.
const HTTP_KEYS = new Set(['timeout', 'signal']);

const fetchApi: RequestApi = { client: 'fetch', name: 'fetch()', optionsIndex: 1, deadlineKeys: FETCH_KEYS, remedy: 'signal' };

function axiosApis(): Map<string, RequestApi> {
  const api = (name: string, optionsIndex: number, first = false): RequestApi => ({
    client: 'axios',
    name,
    optionsIndex,
    deadlineKeys: AXIOS_KEYS,
    remedy: 'timeout',
    ...(first ? { optionsMayComeFirst: true } : {}),
  });
  const methods = new Map<string, RequestApi>([['', api('axios()', 1, true)], ['request', api('axios.request()', 0)]]);
  for (const method of ['get', 'delete', 'head', 'options']) methods.set(method, api(`axios.${method}()`, 1));
  for (const method of ['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']) methods.set(method, api(`axios.${method}()`, 2));
  return methods;
}

function gotApis(): Map<string, RequestApi> {
  const api = (name: string): RequestApi => ({ client: 'got', name, optionsIndex: 1, deadlineKeys: GOT_KEYS, remedy: 'timeoutObject' });
  const methods = new Map<string, RequestApi>([['', api('got()')], ['stream', api('got.stream()')]]);
  for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head']) methods.set(method, api(`got.${method}()`));
  return methods;
}

/** Methods of an axios instance (and of the default export), by name. */
export const AXIOS_METHODS: ReadonlyMap<string, RequestApi> = axiosApis();
/** Methods of a got instance (and of the default export), by name. */
export const GOT_METHODS: ReadonlyMap<string, RequestApi> = gotApis();

function moduleMethods(module: string, methods: ReadonlyMap<string, RequestApi>, roots: readonly (readonly string[])[]): ApiTarget<RequestApi>[] {
  const targets: ApiTarget<RequestApi>[] = [];
  for (const root of roots) {
    for (const [method, info] of methods) targets.push({ module, path: method === '' ? [...root] : [...root, method], info });
  }
  return targets;
}

function httpApis(module: 'http' | 'https'): ApiTarget<RequestApi>[] {
  return ['request', 'get'].flatMap((method) => {
    const info: RequestApi = {
      client: 'http',
      name: `${module}.${method}()`,
      optionsIndex: 1,
      optionsMayComeFirst: true,
      callbackLast: true,
      returnsRequest: true,
      deadlineKeys: HTTP_KEYS,
      remedy: 'signal',
    };
    return [
      { module, path: [method], info },
      { module, path: ['default', method], info },
    ];
  });
}

function undiciApi(method: 'request' | 'fetch' | 'stream'): ApiTarget<RequestApi>[] {
  const info: RequestApi = {
    client: 'undici',
    name: `${method}()\` from \`undici`,
    optionsIndex: 1,
    deadlineKeys: method === 'fetch' ? FETCH_KEYS : UNDICI_KEYS,
    remedy: 'signal',
  };
  return [
    { module: 'undici', path: [method], info },
    { module: 'undici', path: ['default', method], info },
  ];
}

/**
 * Calls that make an HTTP request, for `findApiReferences`. Left out on purpose: clients with a default
 * timeout (ky: 10 s, superagent with `.timeout()` chains, ofetch: none but retries), and undici's
 * `Client`/`Pool` methods (their dispatcher was configured when it was made).
 */
export const REQUEST_APIS: readonly ApiTarget<RequestApi>[] = [
  { global: 'fetch', path: [], info: fetchApi },
  { module: 'node-fetch', path: [], info: { ...fetchApi, deadlineKeys: NODE_FETCH_KEYS } },
  { module: 'node-fetch', path: ['default'], info: { ...fetchApi, deadlineKeys: NODE_FETCH_KEYS } },
  ...undiciApi('request'),
  ...undiciApi('fetch'),
  ...undiciApi('stream'),
  ...moduleMethods('axios', AXIOS_METHODS, [[], ['default']]),
  ...moduleMethods('got', GOT_METHODS, [[], ['default']]),
  ...httpApis('http'),
  ...httpApis('https'),
];

/** Calls that create client instances: `axios.create(config)`, `got.extend(options)`. */
export const REQUEST_CLIENT_FACTORIES: readonly ApiTarget<ClientFactory>[] = [
  ...[[], ['default']].map((root): ApiTarget<ClientFactory> => ({
    module: 'axios',
    path: [...root, 'create'],
    info: { client: 'axios', methods: AXIOS_METHODS, defaultsPath: ['defaults', 'timeout'] },
  })),
  ...[[], ['default']].map((root): ApiTarget<ClientFactory> => ({
    module: 'got',
    path: [...root, 'extend'],
    info: { client: 'got', methods: GOT_METHODS, defaultsPath: ['defaults', 'options', 'timeout'] },
  })),
];

/** Reads of a library's global defaults that give every call a timeout when assigned (`axios.defaults.timeout = 5000`). */
export const REQUEST_DEFAULT_TIMEOUTS: readonly ApiTarget<RequestClient>[] = [
  { module: 'axios', path: ['defaults', 'timeout'], kind: 'read', info: 'axios' },
  { module: 'axios', path: ['default', 'defaults', 'timeout'], kind: 'read', info: 'axios' },
];
