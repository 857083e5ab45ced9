// A recorded Vurbo request as a curl command whose key header reads $VURBO_API_KEY.
import { toCurl } from '../http/curl';
import type { VurboRequestRecord } from './client';

export const VURBO_KEY_VARIABLE = 'VURBO_API_KEY';
// Stands where the key goes so toCurl swaps it for the variable; the record never holds the key.
const KEY_SLOT = '\u0000vurbo-key\u0000';

export function vurboCurl(req: VurboRequestRecord): string {
  const keyHeader: Record<string, string> = req.keyHeader === 'authorization' ? { Authorization: `Bearer ${KEY_SLOT}` } : { 'X-API-Key': KEY_SLOT };
  const form = req.form ? { ...req.form.fields, ...(req.form.file ? { [req.form.file.field]: `@${req.form.file.path}` } : {}) } : undefined;
  return toCurl({ method: req.method, url: req.url, headers: { ...keyHeader, ...req.headers }, json: req.json, form }, KEY_SLOT, VURBO_KEY_VARIABLE);
}
