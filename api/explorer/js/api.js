// Calls to the incentive-kg API; a problem+json answer becomes an Error carrying its detail.

export class ApiError extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.problem = problem;
    this.status = status;
  }
}

async function answer(response) {
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(typeof body === "string" ? { detail: body } : body, response.status);
  return body;
}

export function url(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) query.set(k, v);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export const get = (path, params) => fetch(url(path, params), { headers: { Accept: "application/json" } }).then(answer);

export const post = (path, body) =>
  fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).then(answer);

let topicsPromise = null;
/** The topic scheme, fetched once: id → {label_zh, label_en, …}. */
export function topics() {
  topicsPromise ??= get("/topics").then((list) => new Map(list.map((t) => [t.id, t])));
  return topicsPromise;
}
