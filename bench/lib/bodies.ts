import { type City, layoutCity } from '../../src/bench/city.ts';
import { createRandom, seedOf, WeightedPicker, zipfWeights } from '../../src/bench/random.ts';
import { demandText } from '../../src/bench/texts.ts';
import { defaultTaxonomy, leafCategories } from '../../src/demands/classify/taxonomy.ts';

export interface IntakeBody {
  caller: { name: string; phone: string };
  content: string;
  type: string;
  point: { lng: number; lat: number };
}

let cached: City | undefined;
/** The benchmark city's layout (the same seed `jiedao bench gen` used by default). */
export function benchCity(seed = 1): City {
  cached ??= layoutCity(seed);
  return cached;
}

/** Intake request bodies like a hotline's: a point in a grid, a category's words, a caller. */
export function intakeBodies(n: number, seed = 1): IntakeBody[] {
  const city = benchCity();
  const random = createRandom(seedOf(seed, 'bodies'));
  const leaves = leafCategories(defaultTaxonomy());
  const categories = new WeightedPicker(leaves, zipfWeights(leaves.length, 1.1));
  const communities = city.streets.flatMap((s) => s.communities);
  const types = ['投诉', '求助', '投诉', '举报', '建议'];
  return Array.from({ length: n }, () => {
    const community = communities[Math.floor(random() * communities.length)] as (typeof communities)[number];
    const grid = community.grids[
      Math.floor(random() * community.grids.length)
    ] as (typeof community.grids)[number];
    return {
      caller: { name: '王先生', phone: `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}` },
      content: demandText(categories.pick(random), community.name, random),
      type: types[Math.floor(random() * types.length)] as string,
      point: {
        lng: grid.centre[0] + (random() - 0.5) * grid.cellW * 0.3,
        lat: grid.centre[1] + (random() - 0.5) * grid.cellH * 0.3,
      },
    };
  });
}
