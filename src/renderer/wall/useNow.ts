import { useEffect, useState } from 'react';

/** Wall clock that ticks every `stepMs`, aligned to the step so the clock turns over on the second. */
export function useNow(stepMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const arm = (): void => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          arm();
        },
        stepMs - (Date.now() % stepMs) + 5,
      );
    };
    arm();
    return () => clearTimeout(timer);
  }, [stepMs]);
  return now;
}
