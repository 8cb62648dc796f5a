/** The shape of the vendored framework extract (vendored-data.ts). */
export interface VendoredFrameworks {
  cosai: {
    source: string;
    commit: string;
    licence: string;
    risks: Array<{ id: string; name: string; controls: string[]; atlas: string[]; owasp: string[] }>;
    controls: Array<{ id: string; name: string; atlas: string[]; nist: string[] }>;
  };
  atlas: {
    source: string;
    commit: string;
    version: string;
    licence: string;
    techniques: Array<{ id: string; name: string }>;
    mitigations: Array<{ id: string; name: string }>;
  };
}
