// The NIR key rule, shared with the whole cabin from contract/nir.ts (the card reader flags a number whose
// key is wrong instead of passing it on).
export { nirKeyIsValid, withNirKey } from '../../contract/nir';
