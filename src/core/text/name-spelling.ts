/**
 * A name as its transliterations from the Cyrillic agree: without "y" (Tokayev, Tokaev), doubled
 * letters (Kassym, Kasym), "kh" and "zh" (Zhomart, Jomart). Two names with one such spelling are
 * one name spelled two ways; "Rubin" and "Rubio" are not.
 */
export function transliterated(name: string): string {
  return name.toLowerCase().replace(/y/g, '').replace(/kh/g, 'h').replace(/zh/g, 'j').replace(/(.)\1/g, '$1');
}
