import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyKey, quoteString, typeIdentifier } from 'ftrack-codegen/codegen';
import { NameAllocator } from '../../codegen/naming/name-allocator.js';

const evaluate = (code: string): unknown => new Function(`return ${code};`)();

describe('quoteString', () => {
  it('reads back as exactly the input for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => evaluate(quoteString(text)) === text), { numRuns: 500 });
  });

  it('escapes quotes, backslashes and line terminators', () => {
    expect(quoteString(`it's \\ "x"\n\u2028`)).toBe(`'it\\'s \\\\ "x"\\n\\u2028'`);
  });
});

describe('propertyKey', () => {
  it('writes identifier names bare, reserved words included', () => {
    expect(['start_date', 'default', 'class', 'new', '_link'].map(propertyKey)).toEqual(['start_date', 'default', 'class', 'new', '_link']);
  });

  it('quotes everything else', () => {
    expect(['my-attr', '1st', 'with space', "it's", 'ñame'].map(propertyKey)).toEqual(["'my-attr'", "'1st'", "'with space'", "'it\\'s'", "'ñame'"]);
  });
});

describe('typeIdentifier', () => {
  it('makes any name a valid type identifier', () => {
    expect(typeIdentifier('Asset Build')).toBe('Asset_Build');
    expect(typeIdentifier('1Type')).toBe('_1Type');
    expect(typeIdentifier('class')).toBe('class_');
    expect(typeIdentifier('string')).toBe('string_');
    expect(typeIdentifier('class', 'Create')).toBe('classCreate');
    expect(typeIdentifier('')).toBe('_');
  });

  it('always yields an ASCII identifier', () => {
    fc.assert(fc.property(fc.string(), (name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(typeIdentifier(name))));
  });
});

describe('NameAllocator', () => {
  it('appends underscores until a name is free, reserved names first', () => {
    const names = new NameAllocator(['Entity']);
    expect([names.allocate('Entity'), names.allocate('Shot'), names.allocate('Shot'), names.allocate('Shot_')]).toEqual(['Entity_', 'Shot', 'Shot_', 'Shot__']);
  });
});
