/**
 * The seed catalogue: 10 categories × 22 products, generated deterministically so every instance, the
 * seed command and the shipped SVG images agree on the same SKUs.
 */
export interface SeedProduct {
  sku: string;
  name: string;
  description: string;
  category: string;
  imagePath: string;
  priceMinor: number;
  currency: string;
  onHand: number;
  lowStockThreshold: number;
}

export interface SeedCategory {
  name: string;
  code: string;
  /** Base colour of the category's images. */
  color: string;
  nouns: string[];
  priceRange: [number, number];
}

export const SEED_CATEGORIES: readonly SeedCategory[] = [
  {
    name: 'Electronics',
    code: 'elec',
    color: '#2563eb',
    nouns: [
      'Headphones',
      'Speaker',
      'Charger',
      'Power Bank',
      'Smartwatch',
      'Keyboard',
      'Mouse',
      'Webcam',
      'Router',
      'Tablet Stand',
      'USB Hub',
    ],
    priceRange: [1500, 39900],
  },
  {
    name: 'Books',
    code: 'book',
    color: '#7c3aed',
    nouns: [
      'Novel',
      'Cookbook',
      'Atlas',
      'Biography',
      'Poetry Collection',
      'Field Guide',
      'Graphic Novel',
      'Travel Guide',
      'Anthology',
      'Handbook',
      'Workbook',
    ],
    priceRange: [799, 4999],
  },
  {
    name: 'Home & Kitchen',
    code: 'home',
    color: '#ea580c',
    nouns: [
      'Kettle',
      'Frying Pan',
      'Chef Knife',
      'Cutting Board',
      'Teapot',
      'Mixing Bowl',
      'Coffee Grinder',
      'Toaster',
      'Blender',
      'Spice Rack',
      'Dish Rack',
    ],
    priceRange: [999, 19900],
  },
  {
    name: 'Sports',
    code: 'sprt',
    color: '#16a34a',
    nouns: [
      'Yoga Mat',
      'Dumbbell Set',
      'Football',
      'Tennis Racket',
      'Running Belt',
      'Jump Rope',
      'Water Bottle',
      'Cycling Gloves',
      'Climbing Chalk',
      'Resistance Band',
      'Swim Goggles',
    ],
    priceRange: [599, 14900],
  },
  {
    name: 'Toys',
    code: 'toys',
    color: '#db2777',
    nouns: [
      'Building Blocks',
      'Puzzle',
      'Plush Bear',
      'Kite',
      'Train Set',
      'Board Game',
      'Yo-Yo',
      'Robot Kit',
      'Marble Run',
      'Card Game',
      'Spinning Top',
    ],
    priceRange: [499, 8999],
  },
  {
    name: 'Clothing',
    code: 'clth',
    color: '#0891b2',
    nouns: [
      'T-Shirt',
      'Hoodie',
      'Rain Jacket',
      'Wool Socks',
      'Scarf',
      'Beanie',
      'Denim Jeans',
      'Chino Shorts',
      'Fleece Vest',
      'Linen Shirt',
      'Sneakers',
    ],
    priceRange: [999, 12900],
  },
  {
    name: 'Beauty',
    code: 'beau',
    color: '#c026d3',
    nouns: [
      'Face Cream',
      'Shampoo',
      'Lip Balm',
      'Hand Soap',
      'Body Lotion',
      'Sunscreen',
      'Hair Brush',
      'Face Mask',
      'Bath Salts',
      'Nail Kit',
      'Perfume',
    ],
    priceRange: [399, 7999],
  },
  {
    name: 'Garden',
    code: 'gard',
    color: '#65a30d',
    nouns: [
      'Watering Can',
      'Pruning Shears',
      'Plant Pot',
      'Seed Kit',
      'Garden Gloves',
      'Hose Reel',
      'Bird Feeder',
      'Trowel',
      'Compost Bin',
      'Solar Lamp',
      'Rake',
    ],
    priceRange: [499, 15900],
  },
  {
    name: 'Office',
    code: 'offc',
    color: '#475569',
    nouns: [
      'Notebook',
      'Fountain Pen',
      'Desk Lamp',
      'Stapler',
      'File Organizer',
      'Whiteboard',
      'Sticky Notes',
      'Desk Mat',
      'Label Maker',
      'Pencil Case',
      'Monitor Riser',
    ],
    priceRange: [299, 9999],
  },
  {
    name: 'Grocery',
    code: 'groc',
    color: '#b45309',
    nouns: [
      'Coffee Beans',
      'Green Tea',
      'Olive Oil',
      'Dark Chocolate',
      'Honey',
      'Pasta',
      'Granola',
      'Hot Sauce',
      'Rice',
      'Maple Syrup',
      'Sea Salt',
    ],
    priceRange: [249, 2999],
  },
];

const ADJECTIVES = ['Classic', 'Deluxe'];
const QUALITIES = [
  'built to last',
  'light and compact',
  'made from recycled materials',
  'a customer favourite',
  'designed for everyday use',
  'with a two-year guarantee',
];

/** A small deterministic hash (FNV-1a) so generated prices and stock are stable between runs. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function seedCatalog(): SeedProduct[] {
  const out: SeedProduct[] = [];
  for (const cat of SEED_CATEGORIES) {
    let n = 0;
    for (const adjective of ADJECTIVES) {
      for (const noun of cat.nouns) {
        n++;
        const sku = `${cat.code.toUpperCase()}-${String(n).padStart(3, '0')}`;
        const h = hash(sku);
        const [min, max] = cat.priceRange;
        // Prices end in 99 like a shop's would.
        const priceMinor = Math.floor((min + (h % (max - min))) / 100) * 100 + 99;
        const name = `${adjective} ${noun}`;
        out.push({
          sku,
          name,
          description: `${name} from our ${cat.name.toLowerCase()} range, ${QUALITIES[h % QUALITIES.length]}.`,
          category: cat.name,
          imagePath: `/assets/products/${sku.toLowerCase()}.svg`,
          priceMinor,
          currency: 'EUR',
          onHand: 20 + (h % 181),
          lowStockThreshold: 5,
        });
      }
    }
  }
  return out;
}
