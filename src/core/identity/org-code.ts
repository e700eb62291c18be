/**
 * The national organisation code (组织机构代码), GB 11714-1997: 8 body characters and a check
 * character. It survives as positions 9-17 of every USCC, where the registry checks it only to warn.
 */

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

// Digits are worth 0-9 and letters A-Z 10-35; anything else is outside the code's charset.
function charValue(ch: string): number | undefined {
  if (/^[0-9]$/.test(ch)) return Number(ch);
  if (/^[A-Z]$/.test(ch)) return ch.charCodeAt(0) - 55;
  return undefined;
}

/**
 * The GB 11714 check character for an 8-character body: '0'-'9' or 'X'; undefined when the body
 * is not 8 characters or holds a character outside 0-9 and A-Z.
 * @example organizationCodeCheckChar('D2143569') // 'X' (the code D2143569-X)
 */
export function organizationCodeCheckChar(first8: string): string | undefined {
  if (first8.length !== WEIGHTS.length) return undefined;
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    const value = charValue(first8.charAt(i));
    if (value === undefined) return undefined;
    sum += value * WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}
