/* The timer's countdown, written once: minutes and seconds, both with two digits (04:05),
 * on the projector, the phones and the control page alike. */

/** Seconds left until `endsAt` (an ISO time) by the server's clock, never below zero. */
export function secondsLeft(endsAt, skewMs = 0) {
  return Math.max(0, Math.ceil((Date.parse(endsAt) - (Date.now() + skewMs)) / 1000));
}

/** 245 -> "04:05"; an hour or more -> "1:02:05". */
export function countdown(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n) => String(n).padStart(2, "0");
  const hours = Math.floor(s / 3600);
  const rest = `${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return hours ? `${hours}:${rest}` : rest;
}
