import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORE_V8_FLAGS, electronJsFlags } from '../../../src/main/v8Flags.ts';

const root = new URL('../../../', import.meta.url);
const newSpaceMb = (flags: readonly string[]): number => {
  // Allocate enough short-lived objects for the young generation to grow to its maximum.
  const script =
    "const v8=require('node:v8');let k=[];for(let i=0;i<6e6;i++){k.push({i});if(k.length>3e5)k=[];}" +
    "console.log(v8.getHeapSpaceStatistics().find((s)=>s.space_name==='new_space').space_size/1048576)";
  const out = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
  return Number(out.stdout.trim());
};

describe("the core process's V8 flags", () => {
  it('grow the young generation beyond Node’s default', () => {
    // How far it grows within the loop varies with the machine's load (64 or 128 MB seen); Node's default
    // can never pass its own maximum, which the default run reaches.
    const byDefault = newSpaceMb([]);
    expect(newSpaceMb(CORE_V8_FLAGS)).toBeGreaterThan(byDefault);
  });

  it('are passed by every launcher of the core', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> };
    for (const flag of CORE_V8_FLAGS) expect(pkg.scripts.web).toContain(flag);
    expect(readFileSync(new URL('electron-builder.yml', root), 'utf8')).toContain(electronJsFlags());
    expect(readFileSync(new URL('scripts/start.ts', root), 'utf8')).toMatch(/electronJsFlags\(\)[\s\S]*CORE_V8_FLAGS/);
  });
});
