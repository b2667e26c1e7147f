// What may reach a log line. Logs are read by whoever fixes a problem (and attached to e-mails), so
// they must never carry the alumni directory: no names, phones or e-mail addresses.
//
// Log lines are written in English by this code; what can carry personal data is what gets embedded
// in them: error messages that quote a path (the user's home folder is often their name), a value, or
// a file name. So, whatever the source:
// - any run of CJK text becomes <text> (our own messages have none, names and organisations do);
// - e-mail addresses become <email>;
// - digit runs of 7 or more (phones, ID numbers; spaces, dashes and a leading + allowed) become <number>;
// - the user's home folder becomes ~ (a Latin user name is as personal as a Chinese one).
import { homedir } from 'node:os'

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]+/gu
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu
const LONG_NUMBER = /\+?\d(?:[\s-]?\d){6,}/g

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function redactPersonalData(line: string, home: string = homedir()): string {
  let out = line
  // Longest first, and both slash styles, so C:\Users\zhangwei and C:/Users/zhangwei both go.
  if (home.length > 1) {
    for (const h of new Set([home, home.replace(/\\/g, '/')])) out = out.replace(new RegExp(escapeRegExp(h), 'g'), '~')
  }
  return out.replace(EMAIL, '<email>').replace(CJK, '<text>').replace(LONG_NUMBER, '<number>')
}
