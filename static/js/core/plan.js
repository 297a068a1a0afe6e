/* The workshop's plan as every screen reads it: the texts of where the workshop is now. */

/** The texts ({projector, phone, minutes}) of the lobby, or of the step the workshop is in,
 *  found by its index: a plan may run one activity twice, each time with its own words. */
export function stepTexts(plan, phase, stepIndex) {
  const texts = (plan && plan.phases) || {};
  if (phase === "lobby") return texts.lobby || (plan && plan.lobby) || {};
  const steps = (plan && plan.steps) || [];
  const step = Number.isInteger(stepIndex) ? steps[stepIndex] : null;
  if (step && step.activity === phase) return step;
  return texts[phase] || {};
}
