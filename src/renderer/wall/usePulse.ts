import { useEffect, useState } from 'react';

const PERIOD_MS = 1200;
// ~10 fps is enough for a pulse read from across the room, and each frame is a full redraw on the
// software GL some walls and every CI machine run on.
const STEP_MS = 100;

/** 0..1 sawtooth while `active`; 0.35 (a steady, visible halo) when motion is reduced or inactive. */
export function usePulse(active: boolean): number {
  const [phase, setPhase] = useState(0.35);
  useEffect(() => {
    const reduced =
      typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (!active || reduced) {
      setPhase(0.35);
      return;
    }
    let raf = 0;
    let last = 0;
    const tick = (t: number): void => {
      if (t - last >= STEP_MS) {
        last = t;
        setPhase((t % PERIOD_MS) / PERIOD_MS);
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [active]);
  return phase;
}
