// archmap studio page: the D2 diagram with pan/zoom, a node panel, what-if scenarios, ask/refine and exports.
// Framework-free; everything it shows comes from the studio's JSON API on the same origin.

interface ScenarioRequest {
  scenario: string;
  factor?: number;
}

interface CapacityRow {
  node: string;
  metric: string;
  unit: string;
  loadNow: number;
  loadAtFactor: number;
  capacity: number | null;
  headroom: number | null;
  action?: string;
}

interface Money {
  low: number;
  high: number;
}

interface CostSummary {
  snapshot: string;
  basis: string;
  before: Money;
  after: Money;
  delta: Money;
  rows: Array<{ node: string; before: Money; after: Money }>;
}

interface NodeCost {
  status: 'priced' | 'free' | 'unpriced';
  monthly: Money;
  lines: Array<{ item: string; monthly: Money; basis: string }>;
  note?: string;
}

interface PlanResponse {
  title: string;
  summary: string;
  changes: Array<{ op: string; description: string; rationale: string }>;
  capacity: CapacityRow[];
  bottlenecks: string[];
  tradeoffs: string[];
  risks: string[];
  cost?: CostSummary;
  svg: string;
}

interface Source {
  analyzer: string;
  file?: string;
  line?: number;
  arn?: string;
  address?: string;
}

interface NodeDetails {
  node: {
    id: string;
    kind: string;
    name?: string;
    service?: string;
    region?: string;
    props?: Record<string, unknown>;
    sources?: Source[];
    aliases?: string[];
  };
  edges: { out: Array<{ to: string; kind: string }>; in: Array<{ from: string; kind: string }> };
  findings: Array<{ ruleId: string; title: string; severity: string; message: string }>;
  impact?: {
    brokenEntryPoints: string[];
    failingCallers: string[];
    degraded: Array<{ node: string; why?: string }>;
    mitigations: Array<{ action?: string; text?: string }>;
  };
  cost?: NodeCost;
}

const usd = (x: number) =>
  `${x < 0 ? '−' : ''}$${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const money = (m: Money) => (m.low === m.high ? usd(m.low) : `${usd(m.low)}–${usd(m.high)}`);
const signedMoney = (m: Money) => (m.low >= 0 && m.high >= 0 ? `+${money(m)}` : money(m));

function nodeCost(c: NodeCost | undefined): HTMLElement {
  if (!c) return h('p', { class: 'muted', id: 'node-cost' }, 'Not priced.');
  if (c.status !== 'priced')
    return h(
      'p',
      { class: 'muted', id: 'node-cost' },
      c.status === 'free' ? 'No charge.' : `Not priced: ${c.note ?? ''}`,
    );
  return h(
    'div',
    { id: 'node-cost' },
    h('p', {}, h('strong', {}, `${money(c.monthly)} a month`), ' (list prices)'),
    list(
      c.lines.map((l) => `${l.item}: ${money(l.monthly)} (${l.basis})`),
      'No line items.',
    ),
  );
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Builds an element; text is always set as text, never parsed as HTML. */
function h(tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}

function message(text: string, kind: 'info' | 'error' = 'info'): void {
  const el = $('message');
  el.textContent = text;
  el.className = kind;
}

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    path,
    body === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  if (!res.ok) {
    const err = (await res.json().catch(() => ({ error: res.statusText }))) as { error?: string };
    throw new Error(err.error ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as T;
}

// ── Diagram: inline SVG, pan and zoom by viewBox ────────────────────────────────────────────────
let svgRoot: SVGSVGElement | undefined;
let fullBox = { x: 0, y: 0, w: 1, h: 1 };
let box = { ...fullBox };

function applyBox(): void {
  svgRoot?.setAttribute('viewBox', `${box.x} ${box.y} ${box.w} ${box.h}`);
}

function showSvg(text: string): void {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.nodeName !== 'svg') throw new Error('the server sent no SVG');
  for (const s of Array.from(svg.querySelectorAll('script, foreignObject'))) s.remove();
  const container = $('diagram');
  container.replaceChildren(document.importNode(svg, true));
  svgRoot = container.querySelector('svg') as SVGSVGElement;
  const vb = (svgRoot.getAttribute('viewBox') ?? '0 0 100 100').split(/\s+/).map(Number);
  fullBox = { x: vb[0] ?? 0, y: vb[1] ?? 0, w: vb[2] ?? 100, h: vb[3] ?? 100 };
  svgRoot.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  svgRoot.removeAttribute('width');
  svgRoot.removeAttribute('height');
  fit();
}

function fit(): void {
  box = { ...fullBox };
  applyBox();
}

function zoom(factor: number, cx = box.x + box.w / 2, cy = box.y + box.h / 2): void {
  const w = Math.min(Math.max(box.w * factor, fullBox.w / 40), fullBox.w * 4);
  const k = w / box.w;
  box = { x: cx - (cx - box.x) * k, y: cy - (cy - box.y) * k, w, h: box.h * k };
  applyBox();
}

/** A client point in SVG user units of the outer viewBox. */
function toSvg(clientX: number, clientY: number): { x: number; y: number } {
  const rect = $('diagram').getBoundingClientRect();
  const scale = Math.max(box.w / rect.width, box.h / rect.height);
  const offX = (rect.width * scale - box.w) / 2;
  const offY = (rect.height * scale - box.h) / 2;
  return { x: box.x - offX + (clientX - rect.left) * scale, y: box.y - offY + (clientY - rect.top) * scale };
}

/** Zooms to a set of shapes (with some context around them), so they are readable. */
function zoomTo(elements: Element[]): void {
  if (!elements.length) return;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const el of elements) {
    const r = el.getBoundingClientRect();
    const a = toSvg(r.left, r.top);
    const b = toSvg(r.right, r.bottom);
    x0 = Math.min(x0, a.x);
    y0 = Math.min(y0, a.y);
    x1 = Math.max(x1, b.x);
    y1 = Math.max(y1, b.y);
  }
  const rect = $('diagram').getBoundingClientRect();
  const aspect = rect.width / Math.max(rect.height, 1);
  const side = Math.max(x1 - x0 + 400, (y1 - y0 + 400) * aspect, 1300);
  const w = Math.min(side, fullBox.w);
  const h = w / aspect;
  box = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w, h };
  applyBox();
}

/** Zooms to the changed shapes of a diff. */
function focusOnChanges(): void {
  zoomTo(Array.from(document.querySelectorAll('#diagram g.added, #diagram g.modified, #diagram g.removed')));
}

/** Fits the diagram's width to the panel (top aligned): labels of a wide diagram stay readable. */
function fitWidth(): void {
  const rect = $('diagram').getBoundingClientRect();
  box = { x: fullBox.x, y: fullBox.y, w: fullBox.w, h: (fullBox.w * rect.height) / Math.max(rect.width, 1) };
  applyBox();
}

/** Highlights the labels that contain the query and zooms to them; an empty query clears it. */
function search(query: string): void {
  const q = query.trim().toLowerCase();
  const texts = Array.from(document.querySelectorAll('#diagram text'));
  for (const t of texts) t.classList.remove('search-hit');
  if (!q) return;
  const hits = texts.filter((t) => (t.textContent ?? '').toLowerCase().includes(q));
  for (const t of hits) t.classList.add('search-hit');
  message(
    hits.length ? `${hits.length} label(s) match “${query.trim()}”.` : `Nothing matches “${query.trim()}”.`,
  );
  zoomTo(hits);
}

function setUpPanZoom(): void {
  const el = $('diagram');
  el.addEventListener(
    'wheel',
    (e) => {
      if (!svgRoot) return;
      e.preventDefault();
      const p = toSvg(e.clientX, e.clientY);
      zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
    },
    { passive: false },
  );
  let drag: { x: number; y: number; box: typeof box; moved: boolean } | undefined;
  el.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, box: { ...box }, moved: false };
  });
  el.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) el.setPointerCapture(e.pointerId);
    drag.moved = true;
    el.classList.add('dragging');
    const rect = el.getBoundingClientRect();
    const scale = Math.max(box.w / rect.width, box.h / rect.height);
    box = { ...drag.box, x: drag.box.x - dx * scale, y: drag.box.y - dy * scale };
    applyBox();
  });
  const end = (e: PointerEvent) => {
    if (drag && !drag.moved) selectAt(e.target);
    drag = undefined;
    el.classList.remove('dragging');
  };
  el.addEventListener('pointerup', end);
  el.addEventListener('pointercancel', () => {
    drag = undefined;
  });
  $('zoom-in').addEventListener('click', () => zoom(1 / 1.3));
  $('zoom-out').addEventListener('click', () => zoom(1.3));
  $('zoom-fit').addEventListener('click', fit);
  $('zoom-width').addEventListener('click', fitWidth);
  const find = $('search') as HTMLInputElement;
  find.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') search(find.value);
  });
  find.addEventListener('search', () => search(find.value));
}

// ── Node ids from the SVG: D2 puts the base64 of each shape's key in its group's first class ────
function decodeKey(token: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+=*$/.test(token) || token.length < 8) return undefined;
  try {
    const bytes = Uint8Array.from(atob(token), (c) => c.charCodeAt(0));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text
      .replaceAll('&#34;', '"')
      .replaceAll('&gt;', '>')
      .replaceAll('&lt;', '<')
      .replaceAll('&amp;', '&');
  } catch {
    return undefined;
  }
}

/** The last segment of a D2 key `"region:eu-west-1"."aws_vpc.main"."aws_db_instance.orders"`. */
export function nodeIdOfKey(key: string): string | undefined {
  if (key.includes('->') || key.includes('<-')) return undefined;
  const parts = [...key.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1'));
  const last = parts.at(-1);
  return last && !last.startsWith('d2-legend') ? last : undefined;
}

function nodeIdAt(target: EventTarget | null): { id: string; group: Element } | undefined {
  for (let el = target as Element | null; el && el !== svgRoot; el = el.parentElement) {
    if (el.tagName.toLowerCase() !== 'g') continue;
    const token = el.classList[0];
    const key = token ? decodeKey(token) : undefined;
    const id = key ? nodeIdOfKey(key) : undefined;
    if (id) return { id, group: el };
  }
  return undefined;
}

function selectAt(target: EventTarget | null): void {
  const hit = nodeIdAt(target);
  if (!hit) return;
  for (const g of Array.from(document.querySelectorAll('#diagram g.selected')))
    g.classList.remove('selected');
  hit.group.classList.add('selected');
  void showNode(hit.id);
}

function where(s: Source): string {
  if (s.file) return `${s.file}${s.line ? `:${s.line}` : ''}`;
  return s.arn ?? s.address ?? s.analyzer;
}

function list(items: string[], empty: string): HTMLElement {
  if (!items.length) return h('p', { class: 'muted' }, empty);
  return h('ul', {}, ...items.map((i) => h('li', {}, i)));
}

async function showNode(id: string): Promise<void> {
  const panel = $('node-panel');
  panel.hidden = false;
  panel.replaceChildren(h('p', { class: 'status' }, `Loading ${id}…`));
  try {
    const query = current
      ? `?${new URLSearchParams({ scenario: current.scenario, ...(current.factor ? { factor: String(current.factor) } : {}) })}`
      : '';
    const d = await api<NodeDetails>(`/api/node/${encodeURIComponent(id)}${query}`);
    const n = d.node;
    const props = Object.entries(n.props ?? {}).filter(([, v]) => v !== null && typeof v !== 'object');
    const impact = d.impact;
    panel.replaceChildren(
      h('button', { type: 'button', class: 'close', title: 'close', id: 'node-close' }, '×'),
      h('h2', {}, n.name ?? n.id),
      h('p', { class: 'node-id' }, h('code', {}, n.id)),
      h(
        'dl',
        {},
        h('dt', {}, 'Kind'),
        h('dd', { id: 'node-kind' }, `${n.kind}${n.service ? ` (${n.service})` : ''}`),
        ...(n.region ? [h('dt', {}, 'Region'), h('dd', {}, n.region)] : []),
      ),
      h('h3', {}, 'Provenance'),
      h(
        'ul',
        { id: 'node-provenance' },
        ...(n.sources ?? []).map((s) => h('li', {}, h('code', {}, where(s)))),
      ),
      ...(n.aliases?.length ? [h('p', { class: 'muted' }, `Also known as ${n.aliases.join(', ')}`)] : []),
      h('h3', {}, `Findings (${d.findings.length})`),
      d.findings.length
        ? h(
            'ul',
            { id: 'node-findings' },
            ...d.findings.map((f) =>
              h(
                'li',
                {},
                h('span', { class: `sev sev-${f.severity}` }, f.severity),
                ` ${f.title}: ${f.message}`,
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'No findings.'),
      h('h3', {}, 'Monthly cost'),
      nodeCost(d.cost),
      h('h3', {}, 'If it fails'),
      impact
        ? h(
            'div',
            { id: 'node-impact' },
            h('p', {}, `Broken entry points: ${impact.brokenEntryPoints.join(', ') || 'none'}`),
            h('p', {}, `Fails with it: ${impact.failingCallers.join(', ') || 'nothing'}`),
            h('p', {}, `Degraded: ${impact.degraded.map((x) => x.node).join(', ') || 'nothing'}`),
          )
        : h('p', { class: 'muted' }, 'No impact analysis for this node.'),
      h(
        'details',
        {},
        h('summary', {}, `Properties (${props.length})`),
        list(
          props.map(([k, v]) => `${k} = ${String(v)}`),
          'None.',
        ),
      ),
    );
    $('node-close').addEventListener('click', () => {
      panel.hidden = true;
    });
  } catch (error) {
    panel.replaceChildren(h('p', { class: 'error' }, (error as Error).message));
  }
}

// ── Scenarios ───────────────────────────────────────────────────────────────────────────────────
let current: ScenarioRequest | undefined;

function scenarioRequest(): ScenarioRequest {
  const scenario = ($('scenario') as HTMLSelectElement).value;
  const factor = Number(($('factor') as HTMLInputElement).value);
  return scenario === 'scale' && factor > 0 ? { scenario, factor } : { scenario };
}

const fmt = (n: number | null) =>
  n === null
    ? '—'
    : Math.abs(n) >= 100
      ? Math.round(n).toLocaleString('en')
      : String(Math.round(n * 100) / 100);

function capacityTable(rows: CapacityRow[], hot: Set<string>): HTMLElement {
  return h(
    'table',
    { id: 'bottlenecks' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Node', 'Metric', 'Now', 'After', 'Capacity', 'Headroom', 'Action'].map((c) => h('th', {}, c)),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          { class: hot.has(r.node) && (r.headroom ?? 1) < 0 ? 'hot' : '' },
          h('td', {}, h('code', {}, r.node)),
          h('td', { title: r.unit }, r.metric),
          h('td', { class: 'num' }, fmt(r.loadNow)),
          h('td', { class: 'num' }, fmt(r.loadAtFactor)),
          h('td', { class: 'num' }, fmt(r.capacity)),
          h('td', { class: 'num' }, r.headroom === null ? '—' : `${Math.round(r.headroom * 100)}%`),
          h('td', {}, r.action ?? ''),
        ),
      ),
    ),
  );
}

function legend(): HTMLElement {
  return h(
    'div',
    { id: 'diff-legend', class: 'legend' },
    h('span', { class: 'swatch added' }, 'added'),
    h('span', { class: 'swatch modified' }, 'modified'),
    h('span', { class: 'swatch removed' }, 'removed'),
  );
}

function showPlan(plan: PlanResponse): void {
  showSvg(plan.svg);
  focusOnChanges();
  // The node panel described the previous diagram; the plan takes the side panel.
  $('node-panel').hidden = true;
  const hot = new Set(plan.bottlenecks);
  $('plan-panel').hidden = false;
  $('plan-panel').replaceChildren(
    h('h2', {}, plan.title),
    legend(),
    h('p', {}, plan.summary),
    ...(plan.capacity.length
      ? [h('h3', {}, `Bottlenecks (${plan.bottlenecks.length} saturated)`), capacityTable(plan.capacity, hot)]
      : []),
    ...(plan.cost
      ? [
          h('h3', {}, 'Cost'),
          h(
            'p',
            { id: 'plan-cost' },
            h(
              'strong',
              {},
              `${money(plan.cost.before)} → ${money(plan.cost.after)} a month (${signedMoney(plan.cost.delta)})`,
            ),
            ` — list prices, snapshot ${plan.cost.snapshot}`,
          ),
          list(
            plan.cost.rows.slice(0, 8).map((r) => `${r.node}: ${money(r.before)} → ${money(r.after)}`),
            'No component changes cost.',
          ),
        ]
      : []),
    h('h3', {}, `Changes (${plan.changes.length})`),
    h(
      'ol',
      { id: 'changes' },
      ...plan.changes.map((c) =>
        h('li', {}, h('strong', {}, c.description), h('br'), h('span', { class: 'muted' }, c.rationale)),
      ),
    ),
    ...(plan.tradeoffs.length ? [h('h3', {}, 'Trade-offs'), list(plan.tradeoffs, '')] : []),
    ...(plan.risks.length ? [h('h3', {}, 'Risks'), list(plan.risks, '')] : []),
  );
  ($('clear') as HTMLButtonElement).disabled = false;
}

async function runScenario(): Promise<void> {
  const request = scenarioRequest();
  const button = $('run') as HTMLButtonElement;
  button.disabled = true;
  message(`Planning ${request.scenario}${request.factor ? ` ×${request.factor}` : ''} and drawing the diff…`);
  try {
    const plan = await api<PlanResponse>('/api/propose', request);
    current = request;
    showPlan(plan);
    message(`${plan.title}: ${plan.changes.length} changes.`);
  } catch (error) {
    message((error as Error).message, 'error');
  } finally {
    button.disabled = false;
  }
}

async function showCurrent(): Promise<void> {
  current = undefined;
  $('plan-panel').hidden = true;
  ($('clear') as HTMLButtonElement).disabled = true;
  await loadBase();
}

async function loadBase(): Promise<void> {
  message('Drawing the diagram (the first layout takes a while)…');
  const res = await fetch('/api/diagram.svg');
  if (!res.ok) {
    message(((await res.json().catch(() => ({}))) as { error?: string }).error ?? res.statusText, 'error');
    return;
  }
  showSvg(await res.text());
  message('Click a node for its details; wheel to zoom, drag to pan.');
}

// ── Ask / refine ────────────────────────────────────────────────────────────────────────────────
async function ask(mode: 'ask' | 'refine'): Promise<void> {
  const question = ($('question') as HTMLTextAreaElement).value.trim();
  const out = $('answer');
  if (!question) {
    out.replaceChildren(h('p', { class: 'error' }, 'Type a question or a change first.'));
    return;
  }
  out.replaceChildren(
    h('p', { class: 'status' }, mode === 'ask' ? 'Asking the LLM…' : 'Asking the LLM for a change…'),
  );
  const res = await fetch('/api/ask', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question, mode }),
  });
  const body = (await res.json().catch(() => ({ error: res.statusText }))) as Record<string, unknown>;
  if (!res.ok) {
    out.replaceChildren(
      h(
        'p',
        { class: body.offline ? 'offline' : 'error', id: body.offline ? 'offline' : 'ask-error' },
        String(body.error),
      ),
    );
    return;
  }
  if (mode === 'refine') {
    showPlan(body as unknown as PlanResponse);
    out.replaceChildren(h('p', {}, String(body.title)));
    return;
  }
  const citations = (body.citations as Array<{ id: string; provenance: string[]; why?: string }>) ?? [];
  out.replaceChildren(
    h('p', {}, String(body.answer)),
    h(
      'ul',
      {},
      ...citations.map((c) =>
        h(
          'li',
          {},
          h('code', {}, c.id),
          c.provenance.length ? ` (${c.provenance.join(', ')})` : '',
          c.why ? `: ${c.why}` : '',
        ),
      ),
    ),
  );
}

// ── Exports: a POST (no state-changing GET), saved through a blob link ─────────────────────────
async function exportAs(format: string): Promise<void> {
  message(`Exporting ${format}…`);
  const res = await fetch('/api/export', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(current ? { format, scenario: current } : { format }),
  });
  if (!res.ok) {
    message(((await res.json().catch(() => ({}))) as { error?: string }).error ?? res.statusText, 'error');
    return;
  }
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `archmap.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: name }) as HTMLAnchorElement;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  message(`Saved ${name}.`);
}

function init(): void {
  setUpPanZoom();
  $('scenario-bar').addEventListener('submit', (e) => {
    e.preventDefault();
    void runScenario();
  });
  $('scenario').addEventListener('change', () => {
    $('factor-label').hidden = ($('scenario') as HTMLSelectElement).value !== 'scale';
  });
  $('clear').addEventListener('click', () => void showCurrent());
  $('ask-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void ask('ask');
  });
  $('refine').addEventListener('click', () => void ask('refine'));
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('#exports button')))
    b.addEventListener('click', () => void exportAs(b.dataset.format ?? 'svg'));
  void api<{ nodes: unknown[]; edges: unknown[] }>('/api/graph')
    .then((g) => {
      $('stats').textContent = `${g.nodes.length} nodes · ${g.edges.length} edges`;
    })
    .catch(() => undefined);
  void loadBase();
}

init();
