import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * The catalogue bench's products: names built from word lists (brand,
 * descriptor, kind, size) so that trigram search meets the spread of a real
 * shop's catalogue (common words in thousands of names, rare ones in a few),
 * unique skus and EAN-13 barcodes, prices, cost prices and tax rates.
 */
const BRANDS = (
  'Acme Alpine Aurora Bellwood Birchfield Bluebird Brightside Cascade Cedar Clover Copperleaf Crestview ' +
  'Daybreak Driftwood Elmstead Evergreen Fairway Fernhill Foxglove Goldcrest Greenvale Harbor Hearthstone ' +
  'Highland Hollowbrook Ironwood Juniper Kestrel Lakeside Larkspur Maple Meadowlark Millbrook Northwind ' +
  'Oakridge Orchard Pinecrest Prairie Quailrun Redwood Riverbend Rosemont Saffron Silverline Stonebridge ' +
  'Summit Sunnyvale Thistle Timberline Valleyview Westbrook Willow Woodland Yarrow Zephyr'
).split(' ');
const DESCRIPTORS = (
  'Organic Classic Original Premium Roasted Smoked Spicy Sweet Salted Unsalted Wholegrain Gluten-Free ' +
  'Low-Fat Extra Light Dark Creamy Crunchy Fresh Frozen Dried Wild Honey Garlic Lemon Vanilla Chocolate ' +
  'Strawberry Blueberry Mango Coconut Cinnamon Peppermint Chili Herb Sea-Salt Barbecue Maple Caramel ' +
  'Hazelnut Almond Sesame Ginger Tomato Basil Mushroom Cheddar Mozzarella Parmesan Kids Family Mini Jumbo'
).split(' ');
const KINDS = (
  'Coffee Tea Espresso Cocoa Juice Lemonade Soda Water Milk Yogurt Butter Cheese Cream Eggs Bread Bagels ' +
  'Muffins Croissants Cookies Crackers Biscuits Chips Pretzels Popcorn Granola Cereal Oats Muesli Rice ' +
  'Pasta Noodles Spaghetti Lasagne Ravioli Sauce Ketchup Mustard Mayonnaise Dressing Vinegar Olive-Oil ' +
  'Honey Jam Marmalade Peanut-Butter Chocolate-Bar Candy Gum Mints Ice-Cream Sorbet Pizza Soup Beans ' +
  'Lentils Chickpeas Tuna Salmon Sardines Chicken Sausages Bacon Ham Salami Tofu Hummus Salsa Pesto ' +
  'Olives Pickles Nuts Almonds Cashews Walnuts Raisins Dates Apricots Shampoo Conditioner Soap ' +
  'Toothpaste Deodorant Lotion Sunscreen Detergent Dish-Soap Sponges Towels Napkins Candles Batteries ' +
  'Light-Bulbs Notebook Pens Markers Envelopes Tape Glue Socks Gloves Scarf Umbrella Mug Bottle Lunchbox'
).split(' ');
const SIZES =
  '50g 100g 150g 200g 250g 300g 400g 500g 750g 1kg 2kg 250ml 330ml 500ml 750ml 1l 1.5l 2l 6-pack 12-pack 3-pack 10-pack'.split(
    ' ',
  );
const CATEGORIES = 'Beverages Dairy Bakery Snacks Pantry Frozen Deli Household Personal-Care Stationery Apparel'.split(
  ' ',
);
const TAX_RATES = ['0.0825', '0.0825', '0.0825', '0.0400', '0'];

export interface BenchProduct {
  sku: string;
  barcode: string;
  name: string;
}

/** A deterministic pseudo-random sequence (mulberry32), so two runs import the same catalogue. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

/** EAN-13: a 12-digit body (prefix 20, in-store numbering) and its check digit. */
function ean13(n: number): string {
  const body = `20${String(n).padStart(10, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return body + ((10 - (sum % 10)) % 10);
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes `count` products as an import CSV to `file`; returns their sku, barcode and name. */
export async function writeCatalogueCsv(file: string, count: number, seed = 18): Promise<BenchProduct[]> {
  const rnd = random(seed);
  const out = createWriteStream(file);
  const products: BenchProduct[] = [];
  out.write('sku,name,price,barcode,category,costPrice,taxRate\n');
  for (let i = 1; i <= count; i++) {
    const name = [pick(rnd, BRANDS), pick(rnd, DESCRIPTORS), pick(rnd, KINDS), pick(rnd, SIZES)]
      .join(' ')
      .replace(/-/g, ' ');
    const cents = 49 + Math.floor(rnd() * 9950);
    const product = { sku: `SKU-${String(i).padStart(7, '0')}`, barcode: ean13(i), name };
    products.push(product);
    const row = [
      product.sku,
      csvCell(name),
      (cents / 100).toFixed(2),
      product.barcode,
      pick(rnd, CATEGORIES),
      ((cents * 0.6) / 100).toFixed(2),
      pick(rnd, TAX_RATES),
    ];
    if (!out.write(`${row.join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return products;
}
