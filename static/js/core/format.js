/* Words and numbers, written once for every screen: a template's {names} filled in, the
 * singular or plural of a count, and a mean written the reader's way (3,7 in Finnish). */

/** Fill a template's {name} places from `values`; an unknown place stays as it is. */
export function format(template, values = {}) {
  return String(template).replace(/\{(\w+)\}/g, (all, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all,
  );
}

/** `forms` is {one, other}; the one that fits `n`, with {n} filled in. */
export function plural(forms, n, values = {}) {
  return format(n === 1 ? forms.one : forms.other, { n, ...values });
}

/** A mean to one decimal in the page's language; a dash when there is none. */
export function decimal(value) {
  if (value === null || value === undefined) return "\u2013";
  const language = document.documentElement.lang || "fi";
  return Number(value).toLocaleString(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
