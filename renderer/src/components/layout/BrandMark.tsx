/** The Padu mark (same drawing as the favicon), decorative. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#ffffff" fillOpacity="0.14" />
      <path d="M16 46V18h16a10 10 0 0 1 0 20h-8v8z" fill="none" stroke="#ffffff" strokeWidth="6" strokeLinejoin="round" />
      <circle cx="46" cy="44" r="5" fill="#f2b84b" />
    </svg>
  );
}
