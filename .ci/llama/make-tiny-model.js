#!/usr/bin/env node
// Writes a tiny GGUF model for the llama.cpp tests: the real Qwen2 tokenizer and chat template (taken from
// models/ggml-vocab-qwen2.gguf in the llama.cpp sources node-llama-cpp ships) and hand-set weights. No trained
// weights can be had here, and none are needed: the tests prove the protocol, not the prose.
//
// The weights make the logits the same whatever the input (every token embeds to one vector, the one layer adds
// nothing, and the output matrix holds a fixed preference per token), so greedy decoding is predictable:
//   - an end-of-generation token first: unconstrained, the model answers nothing at all (an empty answer);
//   - then '"', then ']' and '}': under a JSON grammar strings close and arrays end at once;
//   - then longer tokens before shorter, whitespace last: under a grammar whose strings are constants
//     (a test's forced answer) the text comes out in few tokens.
// Usage: node make-tiny-model.js <ggml-vocab-qwen2.gguf> <out.gguf>
'use strict';
const fs = require('fs');

const [vocabPath, outPath] = process.argv.slice(2);
if (!vocabPath || !outPath) {
  console.error('usage: make-tiny-model.js <ggml-vocab-qwen2.gguf> <out.gguf>');
  process.exit(2);
}

// ---- read the vocabulary file's metadata (it has no tensors) ----
const T = { U8: 0, I8: 1, U16: 2, I16: 3, U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9, U64: 10, I64: 11, F64: 12 };
const SIZE = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const src = fs.readFileSync(vocabPath);
let at = 0;
const u32 = () => { const v = src.readUInt32LE(at); at += 4; return v; };
const u64 = () => { const v = Number(src.readBigUInt64LE(at)); at += 8; return v; };
const str = () => { const n = u64(); const s = src.toString('utf8', at, at + n); at += n; return s; };
function value(type) {
  if (type === T.STRING) return str();
  if (type === T.ARRAY) {
    const itemType = u32(), n = u64(), items = new Array(n);
    for (let i = 0; i < n; i++) items[i] = value(itemType);
    return { itemType, items };
  }
  const v = src.subarray(at, at + SIZE[type]);
  at += SIZE[type];
  return Buffer.from(v); // scalars are copied byte for byte
}
if (src.toString('ascii', 0, 4) !== 'GGUF') throw new Error(`${vocabPath}: not a GGUF file`);
at = 4;
const version = u32();
if (version !== 3) throw new Error(`${vocabPath}: GGUF version ${version}, expected 3`);
if (u64() !== 0) throw new Error(`${vocabPath}: expected a vocabulary-only file`);
const kvCount = u64();
const kv = new Map();
for (let i = 0; i < kvCount; i++) { const key = str(); const type = u32(); kv.set(key, { type, value: value(type) }); }

const tokens = kv.get('tokenizer.ggml.tokens').value.items;
const tokenTypes = kv.get('tokenizer.ggml.token_type').value.items;
const nVocab = tokens.length;

// ---- the model ----
const N_EMBD = 16, N_HEAD = 2, N_FF = 32, N_CTX_TRAIN = 32768;

// GPT-2 byte-level BPE: each byte is shown as one printable character; invert that to count a token's bytes.
const byteOf = new Map();
{
  const bs = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = bs.slice();
  let n = 0;
  for (let b = 0; b < 256; b++) if (!bs.includes(b)) { bs.push(b); cs.push(256 + n++); }
  bs.forEach((b, i) => byteOf.set(String.fromCodePoint(cs[i]), b));
}
const bytesOf = (t) => [...t].map((c) => byteOf.get(c) ?? -1);

const NORMAL = 1, CONTROL = 3;
const endOfGeneration = new Set(['<|endoftext|>', '<|im_end|>']);
const preference = new Float32Array(nVocab);
for (let id = 0; id < nVocab; id++) {
  const text = tokens[id];
  const type = tokenTypes[id];
  const typeValue = typeof type === 'number' ? type : type.readInt32LE(0);
  if (endOfGeneration.has(text)) { preference[id] = 30; continue; }
  if (typeValue !== NORMAL) { preference[id] = -30; continue; }
  const bytes = bytesOf(text);
  if (bytes.includes(-1)) { preference[id] = -30; continue; }
  if (text === '"') preference[id] = 20;
  else if (text === ']') preference[id] = 15;
  else if (text === '}') preference[id] = 14;
  else if (bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d)) preference[id] = -5;
  else preference[id] = Math.min(bytes.length, 64) * 0.1;
}

// Tensors (ggml order: ne[0] is the row length). All F32.
const tensors = [];
const f32 = (name, dims, fill) => {
  const n = dims.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  if (fill) fill(data);
  tensors.push({ name, dims, data });
};
// Every token embeds to e0: the residual stream is the same whatever the input.
f32('token_embd.weight', [N_EMBD, nVocab], (d) => { for (let t = 0; t < nVocab; t++) d[t * N_EMBD] = 1; });
f32('output_norm.weight', [N_EMBD], (d) => d.fill(1));
// logits[t] = output[t] · norm(e0) = preference[t] * sqrt(N_EMBD) (RMS norm of e0 is 1/sqrt(N_EMBD)).
f32('output.weight', [N_EMBD, nVocab], (d) => { for (let t = 0; t < nVocab; t++) d[t * N_EMBD] = preference[t] / Math.sqrt(N_EMBD); });
const blk = 'blk.0.';
f32(blk + 'attn_norm.weight', [N_EMBD], (d) => d.fill(1));
f32(blk + 'attn_q.weight', [N_EMBD, N_EMBD]);
f32(blk + 'attn_k.weight', [N_EMBD, N_EMBD]);
f32(blk + 'attn_v.weight', [N_EMBD, N_EMBD]);
f32(blk + 'attn_q.bias', [N_EMBD]);
f32(blk + 'attn_k.bias', [N_EMBD]);
f32(blk + 'attn_v.bias', [N_EMBD]);
f32(blk + 'attn_output.weight', [N_EMBD, N_EMBD]); // zero: attention adds nothing to the residual
f32(blk + 'ffn_norm.weight', [N_EMBD], (d) => d.fill(1));
f32(blk + 'ffn_gate.weight', [N_EMBD, N_FF]);
f32(blk + 'ffn_up.weight', [N_EMBD, N_FF]);
f32(blk + 'ffn_down.weight', [N_FF, N_EMBD]); // zero: nor does the feed-forward

// ---- write ----
const parts = [];
const w = {
  u32: (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); parts.push(b); },
  i32: (v) => { const b = Buffer.alloc(4); b.writeInt32LE(v); parts.push(b); },
  u64: (v) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); parts.push(b); },
  f32: (v) => { const b = Buffer.alloc(4); b.writeFloatLE(v); parts.push(b); },
  str: (s) => { const b = Buffer.from(s, 'utf8'); w.u64(b.length); parts.push(b); },
};
function writeValue(type, v) {
  if (type === T.STRING) return w.str(v);
  if (type === T.ARRAY) { w.u32(v.itemType); w.u64(v.items.length); for (const item of v.items) writeValue(v.itemType, item); return; }
  parts.push(v);
}
const own = [
  ['general.architecture', T.STRING, 'qwen2'],
  ['general.name', T.STRING, 'piloteval-tiny-qwen2'],
  ['general.alignment', T.U32, 32],
  ['general.file_type', T.U32, 0],
  ['qwen2.block_count', T.U32, 1],
  ['qwen2.context_length', T.U32, N_CTX_TRAIN],
  ['qwen2.embedding_length', T.U32, N_EMBD],
  ['qwen2.feed_forward_length', T.U32, N_FF],
  ['qwen2.attention.head_count', T.U32, N_HEAD],
  ['qwen2.attention.head_count_kv', T.U32, N_HEAD],
  ['qwen2.rope.freq_base', T.F32, 1000000],
  ['qwen2.attention.layer_norm_rms_epsilon', T.F32, 1e-6],
];
const ownKeys = new Set(own.map(([k]) => k));
const copied = [...kv].filter(([k]) => k.startsWith('tokenizer.') && !ownKeys.has(k));

w.u32(0x46554747); // "GGUF"
w.u32(3);
w.u64(tensors.length);
w.u64(own.length + copied.length);
for (const [key, type, v] of own) {
  w.str(key); w.u32(type);
  if (type === T.STRING) w.str(v); else if (type === T.U32) w.u32(v); else if (type === T.F32) w.f32(v);
}
for (const [key, { type, value: v }] of copied) { w.str(key); w.u32(type); writeValue(type, v); }

const ALIGN = 32;
let offset = 0;
for (const t of tensors) {
  w.str(t.name); w.u32(t.dims.length);
  for (const d of t.dims) w.u64(d);
  w.u32(0); // GGML_TYPE_F32
  w.u64(offset);
  offset += Math.ceil(t.data.byteLength / ALIGN) * ALIGN;
}
const pad = (n) => { const r = n % ALIGN; if (r) parts.push(Buffer.alloc(ALIGN - r)); };
pad(parts.reduce((a, b) => a + b.length, 0));
for (const t of tensors) {
  const b = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  parts.push(b);
  pad(b.length);
}
fs.writeFileSync(outPath + '.tmp', Buffer.concat(parts));
fs.renameSync(outPath + '.tmp', outPath);
console.error(`wrote ${outPath}: qwen2, ${nVocab} tokens, n_embd ${N_EMBD}, 1 layer`);
