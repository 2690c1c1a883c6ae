// A drawing of a card and the reader, so the patient sees what to do without reading.

/** Props of CardPicture: `in` (the default) shows the card going into the reader, `out` coming back out. */
export interface CardPictureProps {
  readonly direction?: 'in' | 'out';
}

/** An SVG card above a reader slot, with an arrow pointing down into it (or up out of it). */
export function CardPicture({ direction = 'in' }: CardPictureProps) {
  const arrow =
    direction === 'in' ? 'M120 110 v40 M100 132 l20 20 l20 -20' : 'M120 152 v-40 M100 130 l20 -20 l20 20';
  return (
    <svg className="card-picture" viewBox="0 0 240 200" role="img" aria-hidden="true">
      <rect x="50" y="10" width="140" height="90" rx="10" className="card-picture-card" />
      <rect x="70" y="35" width="34" height="26" rx="4" className="card-picture-chip" />
      <path d={arrow} className="card-picture-arrow" />
      <rect x="30" y="165" width="180" height="24" rx="6" className="card-picture-reader" />
      <rect x="45" y="174" width="150" height="6" rx="3" className="card-picture-slot" />
    </svg>
  );
}
