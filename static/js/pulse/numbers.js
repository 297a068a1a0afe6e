/* The pulse's numbers written the reader's way: a change with its sign (+0,7 or −0,3 in
 * Finnish) and a day (12.3.2027 in Finnish, 3/12/2027 in English). */

function language() { return document.documentElement.lang || "fi"; }

/** A change to one decimal with its sign, in the page's language. */
export function signed(value) {
  return Number(value).toLocaleString(language(), {
    minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "always",
  });
}

/** A day ("2027-03-12") in the page's language. */
export function shortDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(language(), { timeZone: "UTC" });
}
