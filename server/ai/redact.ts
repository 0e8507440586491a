/**
 * Removes secrets from free text before it leaves the server (docs/ai-assist.md):
 * private keys, connection strings with credentials, bearer tokens and JWTs,
 * well-known API key shapes, and "password: …"-style disclosures. Shape-based,
 * so it works on text it has never seen.
 */
const RULES: [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[redacted private key]'],
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]+):([^\s@/]+)@/gi, '$1[redacted]@'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]{12,}=*/g, '$1 [redacted token]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, '[redacted token]'],
  [/\b(sk|pk|rk)-[A-Za-z0-9_-]{16,}\b/g, '[redacted key]'],
  [/\bAKIA[0-9A-Z]{16}\b/g, '[redacted key]'],
  [/\b(ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{20,}\b/g, '[redacted key]'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, '[redacted key]'],
  [/\b(api[_-]?key|secret|token|access[_-]?key|client[_-]?secret)(\s*[:=]\s*|\s+is\s+)["']?[^\s"',;]{6,}["']?/gi, '$1$2[redacted]'],
  [/\b(password|passwd|pwd|passcode|pin)(\s*[:=]\s*|\s+is\s+|\s+was\s+)["']?[^\s"',;]{3,}["']?/gi, '$1$2[redacted]'],
  // "password Hunter22", "pin 4455": a bare word after it only when it looks like a secret
  // (a digit or a symbol), so that "did the password change" stays readable.
  [/\b(password|passwd|pwd|passcode|pin)(\s+)["']?(?=[^\s"',;]*[\d!@#$%^&*])[^\s"',;]{3,}["']?/gi, '$1$2[redacted]'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
