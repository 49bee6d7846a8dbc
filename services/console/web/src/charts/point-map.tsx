import { useMemo, useState } from 'react';

export interface MapPoint {
  id: string;
  label: string;
  lat: number;
  lon: number;
  status: string;
}

export interface MapLabel {
  id: string;
  label: string;
  lat: number;
  lon: number;
}

const WIDTH = 640;
const HEIGHT = 560;
const PAD = 24;

/**
 * Points at their coordinates (an equirectangular projection, corrected for Shanghai's latitude), coloured by status,
 * with district names at their centroids. No district outlines: no npm package offers them under a clear licence.
 */
export function PointMap({ title, points, labels, statuses, id }: { title: string; points: MapPoint[]; labels: MapLabel[]; statuses: { status: string; label: string }[]; id: string }) {
  const [selected, setSelected] = useState<MapPoint>();
  const project = useMemo(() => {
    const lats = points.map((p) => p.lat);
    const lons = points.map((p) => p.lon);
    const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
    const [minLon, maxLon] = [Math.min(...lons), Math.max(...lons)];
    const kx = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
    const scale = Math.min((WIDTH - 2 * PAD) / ((maxLon - minLon) * kx || 1), (HEIGHT - 2 * PAD) / (maxLat - minLat || 1));
    return (lat: number, lon: number) => ({ x: PAD + (lon - minLon) * kx * scale, y: HEIGHT - PAD - (lat - minLat) * scale });
  }, [points]);
  return (
    <figure className="chart map">
      <figcaption id={id}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={id} width="100%">
        <rect x={0} y={0} width={WIDTH} height={HEIGHT} className="map-bg" />
        {labels.map((l) => {
          const { x, y } = project(l.lat, l.lon);
          return x >= 0 && x <= WIDTH && y >= 0 && y <= HEIGHT ? (
            <text key={l.id} x={x} y={y} className="map-label" textAnchor="middle">
              {l.label}
            </text>
          ) : null;
        })}
        {points.map((p) => {
          const { x, y } = project(p.lat, p.lon);
          return (
            <circle key={p.id} cx={x} cy={y} r={selected?.id === p.id ? 7 : 4.5} className={`pt pt-${p.status}`} onClick={() => setSelected(p)} data-project={p.id}>
              <title>{p.label}</title>
            </circle>
          );
        })}
      </svg>
      <ul className="legend">
        {statuses.map((s) => (
          <li key={s.status}>
            <svg width="14" height="14" aria-hidden="true">
              <circle cx="7" cy="7" r="5" className={`pt pt-${s.status}`} />
            </svg>
            {s.label} ({points.filter((p) => p.status === s.status).length})
          </li>
        ))}
      </ul>
      <p role="status" className="map-selected">
        {selected ? selected.label : ''}
      </p>
    </figure>
  );
}
