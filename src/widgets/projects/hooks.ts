import * as React from 'react';

/** `value`, once it has stayed the same for `ms`: one server query per pause in typing. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = React.useState(value);
  React.useEffect(() => {
    if (ms <= 0) {
      setSettled(value);
      return;
    }
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * A counter for "latest request wins": a slow answer to an older query must not replace the
 * answer to the newer one.
 */
export function useLatest(): () => () => boolean {
  const seq = React.useRef(0);
  return React.useCallback(() => {
    const mine = ++seq.current;
    return () => mine === seq.current;
  }, []);
}
