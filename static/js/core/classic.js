/* What the classic scripts (on globals, not modules) use of ./: the one countdown and the
 * one reading of the plan, on window.Core, so no screen keeps a copy of its own.
 *
 * A module runs after the classic scripts but before DOMContentLoaded; ../live.js opens
 * the connection only then, so every snapshot and event finds window.Core here. */
import { countdown, secondsLeft } from "./clock.js";
import { stepTexts } from "./plan.js";

window.Core = Object.freeze({ countdown, secondsLeft, stepTexts });
