import {describe, expect, it} from 'vitest';
import {redact} from '../../server/ai/redact.ts';

describe('redaction of secrets in free text', () => {
  it.each([
    ['password: Hunter2!', 'Hunter2!'],
    ['new password Hunter22x for the VPN', 'Hunter22x'],
    ['queue had a stuck job; pin 4455', '4455'],
    ["user said the password is Winter2026 and it didn't work", 'Winter2026'],
    ['pwd=s3cr3tpass', 's3cr3tpass'],
    ['api_key=AbCdEf123456789', 'AbCdEf123456789'],
    ['client secret is QWERTY-9876-zxcv', 'QWERTY-9876-zxcv'],
    ['key sk-ant-api03-abcdefghijklmnopqrstuv', 'sk-ant-api03-abcdefghijklmnopqrstuv'],
    ['AWS AKIAIOSFODNN7EXAMPLE in the script', 'AKIAIOSFODNN7EXAMPLE'],
    ['token ghp_abcdefghijklmnopqrstuvwxyz0123', 'ghp_abcdefghijklmnopqrstuvwxyz0123'],
    ['slack xoxb-1234567890-abcdefghij', 'xoxb-1234567890-abcdefghij'],
    ['Authorization: Bearer abcdef0123456789abcdef', 'abcdef0123456789abcdef'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0'],
    ['Server=sql01; postgres://admin:Sup3rS3cret@db.internal:5432/app', 'Sup3rS3cret'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA'],
  ])('removes the secret from %j', (text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted');
  });

  it('leaves ordinary troubleshooting text alone', () => {
    const text = 'Printer on floor 3 shows offline; restarted the spooler; ping 10.0.0.5 replies.';
    expect(redact(text)).toBe(text);
    expect(redact('Did the password change recently?')).toBe('Did the password change recently?');
  });
});
