/** One bar: a label, a value from 0 to `max`, and the text written beside it. */
export interface Bar {
  key: string;
  label: string;
  value: number;
  text: string;
}

const ROW = 22;
const LABEL = 250;
const WIDTH = 700;
/** Longer labels are cut (the whole one is the bar's tooltip). */
const LABEL_CHARS = 30;

/** Horizontal bars as SVG (no chart library: the figures are few and the first page stays small). */
export function BarChart({ title, bars, max = 1, id }: { title: string; bars: Bar[]; max?: number; id: string }) {
  const height = bars.length * ROW + 8;
  const scale = (WIDTH - LABEL - 90) / (max || 1);
  return (
    <figure className="chart">
      <figcaption id={id}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={id} width="100%" preserveAspectRatio="xMinYMin meet">
        {bars.map((b, i) => (
          <g key={b.key} transform={`translate(0 ${i * ROW + 4})`}>
            <title>{`${b.label}: ${b.text}`}</title>
            <text x={LABEL - 6} y={ROW / 2 + 4} textAnchor="end" className="bar-label">
              {b.label.length > LABEL_CHARS ? `${b.label.slice(0, LABEL_CHARS - 1)}…` : b.label}
            </text>
            <rect x={LABEL} y={3} height={ROW - 8} width={Math.max(1, b.value * scale)} className="bar" />
            <text x={LABEL + Math.max(1, b.value * scale) + 6} y={ROW / 2 + 4} className="bar-text">
              {b.text}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
