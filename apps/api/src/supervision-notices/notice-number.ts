/**
 * 督办单 numbers: 玉督〔2026〕12号 — the district's abbreviation 玉 (玉泉区), 督 for
 * 督办, the year in 〔〕 (U+3014/U+3015, as official document numbers write it)
 * and the notice's place in that year, from 1, without padding.
 */
export function formatNoticeNumber(year: number, sequence: number): string {
  return `玉督〔${year}〕${sequence}号`;
}
