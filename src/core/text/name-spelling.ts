/**
 * A name as its transliterations from the Cyrillic agree: without a "y" between vowels or before a
 * vowel at the start (Tokayev, Tokaev; Yersayin, Ersain), "ss" as "s" (Kassym, Kasym), "kh" and "zh"
 * (Zhomart, Jomart). Two names with one such spelling are one name spelled two ways; "Rubin" and
 * "Rubio", "Doyle" and "Dole", "Wyatt" and "Watt", "Bennet" and "Bennett" are not.
 */
export function transliterated(name: string): string {
  return name
    .toLowerCase()
    .replace(/(?<=[aeiou])y(?=[aeiou])|^y(?=[aeiou])/g, '')
    .replace(/kh/g, 'h')
    .replace(/zh/g, 'j')
    .replace(/ss/g, 's');
}
