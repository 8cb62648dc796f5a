/**
 * A scenario's framework tags (`frameworks:` in the YAML), each block with the framework version it
 * was taken from. Ids are enums of what Firebreak knows (so an editor completes them through the
 * JSON Schema), and an unknown id or version is a validation problem at its own line.
 */
import { z } from 'zod';
import {
  ATLAS_MITIGATIONS,
  ATLAS_TECHNIQUES,
  ATLAS_VERSION,
  COSAI_CONTROLS,
  COSAI_RISKS,
  COSAI_VERSION,
  HARM_AUTONOMY,
  HARM_BASES,
  HARM_LEVELS,
  HARM_SECTORS,
  HARM_TAXONOMY_VERSION,
  NIST_AI_600_1_RISKS,
  NIST_AI_600_1_VERSION,
  NIST_AI_RMF_SUBCATEGORIES,
  NIST_AI_RMF_VERSION,
  OWASP_LLM,
  OWASP_LLM_VERSION,
} from './catalogue.ts';

function idOf(what: string, ids: ReadonlyArray<string>) {
  return z.enum(ids as [string, ...string[]], { error: (iss) => `unknown ${what} id "${String(iss.input)}"` });
}

function version(framework: string, known: string) {
  return z.literal(known, {
    error: (iss) => `${framework} version "${String(iss.input)}" is not the one Firebreak knows ("${known}"); re-check the ids against it`,
  });
}

export const frameworkTagsSchema = z
  .object({
    /** CoSAI Risk Map (cosai-oasis/secure-ai-tooling): risk and control ids, version = commit. */
    cosai: z
      .object({
        version: version('CoSAI Risk Map', COSAI_VERSION),
        risks: z
          .array(
            idOf(
              'CoSAI risk',
              COSAI_RISKS.map((r) => r.id),
            ),
          )
          .default([]),
        controls: z
          .array(
            idOf(
              'CoSAI control',
              COSAI_CONTROLS.map((r) => r.id),
            ),
          )
          .default([]),
      })
      .strict()
      .optional(),
    /** MITRE ATLAS technique and mitigation ids (AML.T0051, AML.M0015). */
    atlas: z
      .object({
        version: version('MITRE ATLAS', ATLAS_VERSION),
        techniques: z
          .array(
            idOf(
              'ATLAS technique',
              ATLAS_TECHNIQUES.map((r) => r.id),
            ),
          )
          .default([]),
        mitigations: z
          .array(
            idOf(
              'ATLAS mitigation',
              ATLAS_MITIGATIONS.map((r) => r.id),
            ),
          )
          .default([]),
      })
      .strict()
      .optional(),
    /** OWASP Top 10 for LLM Applications (LLM01:2025 ...). */
    owasp: z
      .object({
        version: version('OWASP Top 10 for LLM Applications', OWASP_LLM_VERSION),
        ids: z
          .array(
            idOf(
              'OWASP LLM',
              OWASP_LLM.map((r) => r.id),
            ),
          )
          .min(1),
      })
      .strict()
      .optional(),
    /** NIST AI RMF subcategories (MANAGE-4.3 ...). */
    nistAiRmf: z
      .object({
        version: version('NIST AI RMF', NIST_AI_RMF_VERSION),
        subcategories: z.array(idOf('NIST AI RMF subcategory', NIST_AI_RMF_SUBCATEGORIES)).min(1),
      })
      .strict()
      .optional(),
    /** NIST AI 600-1 (Generative AI Profile) risks. */
    nistAi600: z
      .object({
        version: version('NIST AI 600-1', NIST_AI_600_1_VERSION),
        risks: z
          .array(
            idOf(
              'NIST AI 600-1 risk',
              NIST_AI_600_1_RISKS.map((r) => r.id),
            ),
          )
          .min(1),
      })
      .strict()
      .optional(),
    /** Harm classification after CSET's AI Harm Taxonomy for AIID. */
    harm: z
      .object({
        version: version('harm classification', HARM_TAXONOMY_VERSION),
        level: z.enum(HARM_LEVELS),
        basis: z.array(z.enum(HARM_BASES)).default([]),
        sector: z.array(z.enum(HARM_SECTORS)).min(1),
        autonomy: z.enum(HARM_AUTONOMY),
      })
      .strict()
      .optional(),
  })
  .strict();

export type FrameworkTags = z.output<typeof frameworkTagsSchema>;

/**
 * A scenario's framework tags as flat labels ("CoSAI risk riskPromptInjection", "ATLAS AML.T0051",
 * "OWASP LLM01:2025", "NIST AI RMF MANAGE-4.1", "NIST AI 600-1 data_privacy"), for filtering
 * History by tag (#21). The harm classification is a description, not a tag, and is left out.
 */
export function frameworkTagLabels(t: FrameworkTags | undefined): string[] {
  if (!t) return [];
  return [
    ...(t.cosai?.risks ?? []).map((id) => `CoSAI risk ${id}`),
    ...(t.cosai?.controls ?? []).map((id) => `CoSAI control ${id}`),
    ...(t.atlas?.techniques ?? []).map((id) => `ATLAS ${id}`),
    ...(t.atlas?.mitigations ?? []).map((id) => `ATLAS ${id}`),
    ...(t.owasp?.ids ?? []).map((id) => `OWASP ${id}`),
    ...(t.nistAiRmf?.subcategories ?? []).map((id) => `NIST AI RMF ${id}`),
    ...(t.nistAi600?.risks ?? []).map((id) => `NIST AI 600-1 ${id}`),
  ];
}
