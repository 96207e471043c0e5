import { useEffect, useState, type RefObject } from 'react';

/**
 * The width of an element, in steps of 20 px: a chart's option is rebuilt only when its layout
 * (wrapped titles, legend rows) could change, not on every pixel of a window resize.
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.round(el.clientWidth / 20) * 20);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
