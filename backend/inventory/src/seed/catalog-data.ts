/**
 * The seed catalogue: 10 categories × 22 products, generated deterministically so every instance, the
 * seed command and the shipped SVG images agree on the same SKUs. Each category lists 11 kinds of product
 * in two versions; names and descriptions carry the words a shopper types into the search box (the
 * catalogue search matches the name, the category and the description).
 */
export interface SeedProduct {
  sku: string;
  name: string;
  description: string;
  category: string;
  imagePath: string;
  /** The illustration drawn for the product (see product-image.ts). */
  icon: ProductIcon;
  priceMinor: number;
  currency: string;
  onHand: number;
  lowStockThreshold: number;
}

/** The drawings product-image.ts knows; each product kind picks the one that shows it best. */
export type ProductIcon =
  | 'headphones'
  | 'speaker'
  | 'battery'
  | 'watch'
  | 'keyboard'
  | 'mouse'
  | 'camera'
  | 'wifi'
  | 'tablet'
  | 'book'
  | 'kettle'
  | 'pan'
  | 'knife'
  | 'board'
  | 'bowl'
  | 'jar'
  | 'toaster'
  | 'ball'
  | 'dumbbell'
  | 'racket'
  | 'bottle'
  | 'rope'
  | 'glove'
  | 'goggles'
  | 'blocks'
  | 'puzzle'
  | 'bear'
  | 'kite'
  | 'train'
  | 'dice'
  | 'robot'
  | 'top'
  | 'shirt'
  | 'jacket'
  | 'sock'
  | 'scarf'
  | 'hat'
  | 'trousers'
  | 'shoe'
  | 'tube'
  | 'brush'
  | 'drop'
  | 'can'
  | 'shears'
  | 'plant'
  | 'seedling'
  | 'hose'
  | 'bird'
  | 'trowel'
  | 'bin'
  | 'lamp'
  | 'rake'
  | 'notebook'
  | 'pen'
  | 'stapler'
  | 'folder'
  | 'whiteboard'
  | 'notes'
  | 'label'
  | 'monitor'
  | 'cup'
  | 'bag'
  | 'chocolate'
  | 'pot'
  | 'chili';

/** One kind of product in two versions: [name, description]. */
export interface SeedKind {
  icon: ProductIcon;
  versions: [[string, string], [string, string]];
}

export interface SeedCategory {
  name: string;
  code: string;
  /** Main colour of the category's images. */
  color: string;
  kinds: SeedKind[];
  priceRange: [number, number];
}

const kind = (icon: ProductIcon, first: [string, string], second: [string, string]): SeedKind => ({
  icon,
  versions: [first, second],
});

export const SEED_CATEGORIES: readonly SeedCategory[] = [
  {
    name: 'Electronics',
    code: 'elec',
    color: '#1d4ed8',
    priceRange: [1500, 39900],
    kinds: [
      kind(
        'headphones',
        [
          'Wireless Over-Ear Headphones',
          'Bluetooth headphones with soft ear cushions and 30 hours of battery.',
        ],
        [
          'Noise-Cancelling Headphones',
          'Active noise cancelling for trains and open offices, folds flat to travel.',
        ],
      ),
      kind(
        'speaker',
        [
          'Portable Bluetooth Speaker',
          'Waterproof speaker with a strap, loud enough for the beach or a picnic.',
        ],
        ['Smart Home Speaker', 'Wi-Fi speaker with voice control that plays music and radio in any room.'],
      ),
      kind(
        'battery',
        ['USB-C Fast Charger', 'A 65 W wall charger for phones and laptops with two USB-C ports.'],
        ['Slim Power Bank 10000 mAh', 'Pocket power bank that charges a phone twice, with USB-C in and out.'],
      ),
      kind(
        'watch',
        ['Fitness Tracker Watch', 'Counts steps, heart rate and sleep; a week of battery on one charge.'],
        ['GPS Smartwatch', 'Smartwatch with GPS for runs and rides, notifications and contactless payment.'],
      ),
      kind(
        'keyboard',
        ['Mechanical Keyboard', 'Tactile switches and white backlight; a full-size USB keyboard for typing.'],
        [
          'Compact Wireless Keyboard',
          'Quiet low-profile keys, Bluetooth to three devices, fits in a laptop bag.',
        ],
      ),
      kind(
        'mouse',
        ['Ergonomic Wireless Mouse', 'Shaped to rest your hand, with a silent click and a USB receiver.'],
        ['Gaming Mouse', 'Precise optical sensor, six buttons and adjustable DPI for games.'],
      ),
      kind(
        'camera',
        ['HD Webcam', 'A 1080p webcam with a privacy shutter and microphone for video calls.'],
        ['Action Camera', 'A small 4K camera with a waterproof case for cycling, skiing and diving.'],
      ),
      kind(
        'wifi',
        ['Wi-Fi 6 Router', 'Fast wireless router for the home, covers a flat with stable Wi-Fi.'],
        ['Mesh Wi-Fi System', 'Three mesh units that bring Wi-Fi to every room of a house and garden.'],
      ),
      kind(
        'tablet',
        [
          'Adjustable Tablet Stand',
          'Aluminium stand for a tablet or phone, tilts for reading and video calls.',
        ],
        ['E-Reader', 'Glare-free screen that reads like paper, holds thousands of e-books.'],
      ),
      kind(
        'battery',
        ['7-Port USB Hub', 'Adds USB-A and USB-C ports, an HDMI output and an SD card reader to a laptop.'],
        ['Laptop Docking Station', 'One cable to two monitors, Ethernet, charging and USB for a desk.'],
      ),
      kind(
        'speaker',
        ['Wireless Earbuds', 'True wireless earbuds with a charging case, sweat resistant for the gym.'],
        ['Soundbar', 'A slim TV soundbar with clear dialogue and deep bass, connects over HDMI.'],
      ),
    ],
  },
  {
    name: 'Books',
    code: 'book',
    color: '#6d28d9',
    priceRange: [799, 4999],
    kinds: [
      kind(
        'book',
        [
          'The Lighthouse Keeper: A Novel',
          'A gripping mystery novel set on a stormy island off the Scottish coast.',
        ],
        [
          'Summer of Small Things: A Novel',
          'A warm, funny family novel about three sisters and one long summer.',
        ],
      ),
      kind(
        'book',
        [
          'Everyday Vegetarian Cookbook',
          'Over 120 quick vegetarian recipes for weeknight dinners and lunches.',
        ],
        [
          'Baking Bread at Home Cookbook',
          'Sourdough, rolls and flatbreads explained step by step with photos.',
        ],
      ),
      kind(
        'book',
        ['World Atlas', 'Large-format atlas with detailed maps of every country, flags and facts.'],
        ['Atlas of the Night Sky', 'Star maps and constellations for stargazing through the seasons.'],
      ),
      kind(
        'book',
        [
          'Marie Curie: A Biography',
          'The life of the scientist who won two Nobel prizes, told for curious readers.',
        ],
        [
          'Voyages: A Sailor’s Memoir',
          'A biography and memoir of forty years at sea and a solo voyage round the world.',
        ],
      ),
      kind(
        'book',
        [
          'Collected Poems of the Sea',
          'A poetry collection of two hundred poems about the sea and the shore.',
        ],
        ['Poems for Every Day', 'An anthology of short poems, one for each day of the year, to read aloud.'],
      ),
      kind(
        'book',
        ['Birds of Europe Field Guide', 'Identify over 500 birds with colour illustrations and maps.'],
        [
          'Wild Mushrooms Field Guide',
          'A field guide to finding and safely identifying mushrooms in the woods.',
        ],
      ),
      kind(
        'book',
        [
          'Starfall: A Graphic Novel',
          'A science-fiction graphic novel in full colour about a lost space crew.',
        ],
        ['The Fox Detective Comic Book', 'A funny illustrated comic book for children aged 8 and up.'],
      ),
      kind(
        'book',
        ['Italy Travel Guide', 'Where to stay, eat and walk in Rome, Florence, Venice and the lakes.'],
        ['Japan Travel Guide', 'Tokyo, Kyoto and the countryside by train, with maps and phrases.'],
      ),
      kind(
        'book',
        [
          'Bedtime Stories for Children',
          'Twenty short stories for bedtime with gentle illustrations for kids.',
        ],
        ['Picture Book of Animals', 'A large picture book for toddlers with animals from farm to jungle.'],
      ),
      kind(
        'book',
        ['Home Repair Handbook', 'Fix taps, doors, shelves and paint walls yourself with clear diagrams.'],
        ['Learn to Code with Python', 'A beginner programming handbook with exercises and small projects.'],
      ),
      kind(
        'book',
        ['Spanish Language Workbook', 'Grammar and vocabulary exercises for beginners learning Spanish.'],
        ['Maths Practice Workbook', 'School maths exercises with answers for children aged 9 to 11.'],
      ),
    ],
  },
  {
    name: 'Home & Kitchen',
    code: 'home',
    color: '#c2410c',
    priceRange: [999, 19900],
    kinds: [
      kind(
        'kettle',
        ['Electric Kettle 1.7 L', 'Fast-boil electric kettle with an auto shut-off and a water window.'],
        [
          'Stovetop Whistling Kettle',
          'Stainless steel kettle for gas and induction hobs that whistles when ready.',
        ],
      ),
      kind(
        'pan',
        [
          'Non-Stick Frying Pan 28 cm',
          'Non-stick frying pan for eggs and pancakes, oven safe, suits induction.',
        ],
        ['Cast Iron Skillet', 'A heavy cast iron skillet for searing steak and baking cornbread.'],
      ),
      kind(
        'knife',
        ['Chef’s Knife 20 cm', 'A sharp stainless steel chef knife for chopping vegetables and meat.'],
        ['Bread Knife', 'Serrated bread knife that slices crusty loaves without crushing them.'],
      ),
      kind(
        'board',
        ['Bamboo Cutting Board', 'A sturdy bamboo chopping board with a juice groove.'],
        ['Oak Serving Board', 'Oiled oak board for cheese, bread and serving at the table.'],
      ),
      kind(
        'kettle',
        ['Ceramic Teapot', 'A six-cup ceramic teapot with a loose-leaf tea infuser.'],
        ['Cast Iron Teapot', 'Japanese-style cast iron teapot that keeps tea hot for longer.'],
      ),
      kind(
        'bowl',
        ['Mixing Bowl Set', 'Three stainless steel mixing bowls for baking, with non-slip bases.'],
        ['Stoneware Salad Bowl', 'A large handmade salad bowl glazed in sea green.'],
      ),
      kind(
        'jar',
        ['Burr Coffee Grinder', 'Electric coffee grinder with 15 settings from espresso to French press.'],
        ['Pour-Over Coffee Maker', 'Glass pour-over coffee maker with a reusable filter, makes four cups.'],
      ),
      kind(
        'toaster',
        ['Two-Slice Toaster', 'Wide-slot toaster with defrost and reheat for bread and bagels.'],
        ['Sandwich Toaster', 'Makes toasted sandwiches and paninis with non-stick plates.'],
      ),
      kind(
        'jar',
        ['High-Speed Blender', 'Powerful blender for smoothies, soups and crushed ice.'],
        ['Hand Blender', 'Stick blender with a whisk and chopper for soups and sauces.'],
      ),
      kind(
        'jar',
        ['Spice Rack with 12 Jars', 'Wall or counter spice rack with twelve glass jars and labels.'],
        ['Glass Storage Jars', 'Airtight glass jars for pasta, rice, flour and cereal.'],
      ),
      kind(
        'board',
        ['Dish Drying Rack', 'Two-tier dish rack with a cutlery holder and drip tray.'],
        ['Linen Tea Towels', 'A set of three absorbent linen tea towels for drying dishes.'],
      ),
    ],
  },
  {
    name: 'Sports',
    code: 'sprt',
    color: '#15803d',
    priceRange: [599, 14900],
    kinds: [
      kind(
        'board',
        ['Non-Slip Yoga Mat', 'A 6 mm yoga mat with a grippy surface for yoga, pilates and stretching.'],
        ['Travel Yoga Mat', 'A thin foldable yoga mat that fits in a suitcase.'],
      ),
      kind(
        'dumbbell',
        ['Adjustable Dumbbell Set', 'Dumbbells from 2 to 20 kg for strength training at home.'],
        ['Kettlebell 12 kg', 'Cast iron kettlebell for swings and full-body workouts.'],
      ),
      kind(
        'ball',
        ['Match Football', 'A size 5 football for training and matches on grass.'],
        ['Indoor Basketball', 'A size 7 basketball with a soft grip for indoor courts.'],
      ),
      kind(
        'racket',
        ['Tennis Racket', 'A light graphite tennis racket for beginners and club players.'],
        ['Badminton Set', 'Two badminton rackets, shuttlecocks and a net for the garden.'],
      ),
      kind(
        'rope',
        ['Running Belt', 'A slim running belt that holds your phone and keys while you jog.'],
        ['Reflective Running Vest', 'High-visibility vest to be seen on runs and bike rides after dark.'],
      ),
      kind(
        'rope',
        ['Speed Jump Rope', 'Adjustable skipping rope with ball bearings for cardio workouts.'],
        ['Weighted Jump Rope', 'A heavier skipping rope for boxing training and conditioning.'],
      ),
      kind(
        'bottle',
        ['Insulated Water Bottle', 'Stainless steel bottle that keeps water cold for 24 hours.'],
        ['Squeeze Sports Bottle', 'A light plastic drinking bottle for the gym and the bike.'],
      ),
      kind(
        'glove',
        ['Padded Cycling Gloves', 'Fingerless cycling gloves with gel padding for long bike rides.'],
        ['Boxing Gloves', 'Training boxing gloves for the bag and sparring.'],
      ),
      kind(
        'bag',
        ['Climbing Chalk Bag', 'A chalk bag with a belt and a brush holder for bouldering.'],
        ['Gym Duffel Bag', 'A sports bag with a shoe compartment and a water-resistant base.'],
      ),
      kind(
        'rope',
        ['Resistance Band Set', 'Five resistance bands from light to heavy for home workouts and physio.'],
        ['Foam Roller', 'A firm foam roller for massage and recovery after training.'],
      ),
      kind(
        'goggles',
        ['Anti-Fog Swim Goggles', 'Swimming goggles with UV protection and a comfortable seal.'],
        ['Ski Goggles', 'Double-lens ski and snowboard goggles with a wide view.'],
      ),
    ],
  },
  {
    name: 'Toys',
    code: 'toys',
    color: '#be185d',
    priceRange: [499, 8999],
    kinds: [
      kind(
        'blocks',
        ['Wooden Building Blocks', 'Fifty painted wooden blocks for toddlers to stack and build.'],
        ['Construction Brick Set', 'Five hundred bricks to build a city, a castle or a spaceship.'],
      ),
      kind(
        'puzzle',
        ['1000-Piece Jigsaw Puzzle', 'A jigsaw puzzle of a harbour at sunset for adults and families.'],
        ['Floor Puzzle for Kids', 'A big 48-piece floor puzzle of farm animals for children.'],
      ),
      kind(
        'bear',
        ['Plush Teddy Bear', 'A soft cuddly teddy bear, a classic gift for a new baby.'],
        ['Plush Bunny', 'A floppy-eared soft toy rabbit, machine washable.'],
      ),
      kind(
        'kite',
        ['Rainbow Kite', 'An easy-flying kite for the beach and the park, with string.'],
        ['Stunt Kite', 'A two-line sport kite for loops and dives in a good wind.'],
      ),
      kind(
        'train',
        ['Wooden Train Set', 'A wooden railway with track, a bridge and three trains.'],
        ['Remote Control Car', 'A fast RC car with rechargeable battery for outdoor races.'],
      ),
      kind(
        'dice',
        ['Family Board Game', 'A board game of trading and building for 2 to 6 players.'],
        ['Strategy Board Game', 'A longer strategy game about exploring islands, for ages 12 and up.'],
      ),
      kind(
        'top',
        ['Light-Up Yo-Yo', 'A yo-yo that flashes as it spins, with spare strings.'],
        ['Spinning Top Set', 'Six wooden spinning tops in bright colours.'],
      ),
      kind(
        'robot',
        ['Programmable Robot Kit', 'Build and code a small robot with a tablet app; teaches STEM.'],
        ['Walking Robot Toy', 'A wind-up robot that walks and waves, no batteries needed.'],
      ),
      kind(
        'ball',
        ['Marble Run', 'A marble run with 80 pieces and 30 glass marbles.'],
        ['Bouncy Ball Pack', 'Twelve bouncy balls in glitter colours for party bags.'],
      ),
      kind(
        'dice',
        ['Card Game for Families', 'A fast card game of matching colours and numbers for ages 6 and up.'],
        ['Playing Cards Twin Pack', 'Two decks of plastic-coated playing cards for poker and rummy.'],
      ),
      kind(
        'blocks',
        ['Art and Craft Box', 'Crayons, paints, glitter and paper in a craft box for kids.'],
        ['Modelling Clay Set', 'Twelve colours of soft modelling clay with shaping tools.'],
      ),
    ],
  },
  {
    name: 'Clothing',
    code: 'clth',
    color: '#0e7490',
    priceRange: [999, 12900],
    kinds: [
      kind(
        'shirt',
        ['Organic Cotton T-Shirt', 'A soft crew-neck tee in organic cotton for every day.'],
        ['Striped Breton T-Shirt', 'A long-sleeve striped top in navy and white.'],
      ),
      kind(
        'jacket',
        ['Zip Hoodie', 'A cosy zip-up hoodie sweatshirt with a brushed fleece lining.'],
        ['Pullover Hoodie', 'An oversized hooded sweatshirt with a kangaroo pocket.'],
      ),
      kind(
        'jacket',
        ['Waterproof Rain Jacket', 'Light packable rain jacket with a hood and taped seams.'],
        ['Winter Puffer Coat', 'A warm padded winter coat with a detachable hood.'],
      ),
      kind(
        'sock',
        ['Merino Wool Socks', 'Three pairs of warm merino wool socks for hiking and winter.'],
        ['Cotton Ankle Socks', 'Five pairs of breathable cotton trainer socks.'],
      ),
      kind(
        'scarf',
        ['Knitted Wool Scarf', 'A long chunky knit scarf in soft wool for cold days.'],
        ['Silk Scarf', 'A printed silk scarf to wear at the neck or in the hair.'],
      ),
      kind(
        'hat',
        ['Knit Beanie Hat', 'A ribbed winter beanie hat with a turned-up cuff.'],
        ['Baseball Cap', 'A cotton cap with an adjustable strap to keep the sun off.'],
      ),
      kind(
        'trousers',
        ['Slim Fit Denim Jeans', 'Stretch denim jeans in a dark blue wash.'],
        ['Relaxed Fit Jeans', 'Straight-leg jeans in light blue denim, easy to wear.'],
      ),
      kind(
        'trousers',
        ['Chino Shorts', 'Cotton chino shorts for summer with a belt loop waist.'],
        ['Linen Trousers', 'Cool linen trousers with an elastic waist for hot weather.'],
      ),
      kind(
        'jacket',
        ['Fleece Vest', 'A warm fleece gilet to layer for walks and hiking.'],
        ['Quilted Gilet', 'A light quilted vest that packs into its own pocket.'],
      ),
      kind(
        'shirt',
        ['Linen Shirt', 'A breathable short-sleeve linen shirt for summer.'],
        ['Oxford Button-Down Shirt', 'A cotton Oxford shirt for the office or the weekend.'],
      ),
      kind(
        'shoe',
        ['White Leather Sneakers', 'Minimal white trainers in soft leather with a rubber sole.'],
        ['Trail Running Shoes', 'Grippy running shoes for trails and muddy paths.'],
      ),
    ],
  },
  {
    name: 'Beauty',
    code: 'beau',
    color: '#a21caf',
    priceRange: [399, 7999],
    kinds: [
      kind(
        'tube',
        ['Hydrating Face Cream', 'A daily moisturiser with hyaluronic acid for dry skin.'],
        ['Night Repair Face Cream', 'A rich night cream that softens skin while you sleep.'],
      ),
      kind(
        'bottle',
        ['Argan Oil Shampoo', 'A gentle shampoo for dry and frizzy hair, sulphate free.'],
        ['Anti-Dandruff Shampoo', 'A clarifying shampoo with tea tree for an itchy scalp.'],
      ),
      kind(
        'tube',
        ['Shea Butter Lip Balm', 'A nourishing lip balm for chapped lips, unscented.'],
        ['Tinted Lip Balm', 'A lip balm with a sheer berry tint and SPF 15.'],
      ),
      kind(
        'bottle',
        ['Lavender Hand Soap', 'A liquid hand soap with lavender oil in a refillable pump bottle.'],
        ['Citrus Hand Wash', 'A fresh lemon and orange hand wash for the kitchen sink.'],
      ),
      kind(
        'bottle',
        ['Coconut Body Lotion', 'A light body lotion with coconut oil that absorbs quickly.'],
        ['Shower Gel', 'A refreshing mint and eucalyptus shower gel.'],
      ),
      kind(
        'tube',
        ['Sunscreen SPF 50', 'A water-resistant sun cream for face and body, high protection.'],
        ['After-Sun Aloe Gel', 'A cooling aloe vera gel to soothe skin after a day in the sun.'],
      ),
      kind(
        'brush',
        ['Detangling Hair Brush', 'A paddle hairbrush that gently detangles wet or dry hair.'],
        ['Makeup Brush Set', 'Ten soft makeup brushes for foundation, powder and eyeshadow.'],
      ),
      kind(
        'jar',
        ['Clay Face Mask', 'A purifying clay mask for oily skin and pores.'],
        ['Sheet Face Masks', 'A pack of five hydrating sheet masks for a spa night.'],
      ),
      kind(
        'jar',
        ['Relaxing Bath Salts', 'Epsom bath salts with lavender for a relaxing soak.'],
        ['Bath Bomb Gift Set', 'Six fizzing bath bombs with essential oils, a pretty gift.'],
      ),
      kind(
        'brush',
        ['Manicure Nail Kit', 'Nail clippers, file, scissors and cuticle tools in a travel case.'],
        ['Nail Polish Set', 'Four long-lasting nail polishes in spring colours.'],
      ),
      kind(
        'drop',
        ['Eau de Parfum', 'A floral perfume with notes of rose, jasmine and vanilla.'],
        ['Fresh Cologne', 'A citrus and cedar eau de cologne, light for every day.'],
      ),
    ],
  },
  {
    name: 'Garden',
    code: 'gard',
    color: '#3f6212',
    priceRange: [499, 15900],
    kinds: [
      kind(
        'can',
        ['Metal Watering Can 5 L', 'A galvanised watering can with a long spout and a rose.'],
        ['Indoor Watering Can', 'A small watering can with a slim spout for house plants.'],
      ),
      kind(
        'shears',
        ['Pruning Shears', 'Sharp bypass secateurs for roses, shrubs and fruit trees.'],
        ['Hedge Trimmer Shears', 'Long-handled hedge shears for trimming hedges and bushes.'],
      ),
      kind(
        'plant',
        ['Terracotta Plant Pot', 'A classic terracotta flower pot with a saucer, 25 cm.'],
        ['Self-Watering Planter', 'A planter with a water reservoir for herbs and house plants.'],
      ),
      kind(
        'seedling',
        ['Herb Seed Kit', 'Grow basil, parsley, chives and mint on a windowsill.'],
        ['Wildflower Seeds', 'A mix of wildflower seeds for bees and butterflies.'],
      ),
      kind(
        'glove',
        ['Gardening Gloves', 'Thorn-resistant garden gloves with a breathable back.'],
        ['Kneeling Pad', 'A thick foam kneeler for weeding and planting beds.'],
      ),
      kind(
        'hose',
        ['Garden Hose Reel 30 m', 'A hose reel with 30 m of kink-free hose and a spray nozzle.'],
        ['Expandable Garden Hose', 'A light hose that stretches to 15 m and shrinks back after use.'],
      ),
      kind(
        'bird',
        ['Hanging Bird Feeder', 'A seed feeder for garden birds with a squirrel guard.'],
        ['Wooden Bird House', 'A nesting box for tits and sparrows to hang on a tree.'],
      ),
      kind(
        'trowel',
        ['Hand Trowel', 'A stainless steel trowel for planting bulbs and seedlings.'],
        ['Garden Tool Set', 'Trowel, fork and weeder with ash wood handles.'],
      ),
      kind(
        'bin',
        ['Compost Bin 300 L', 'A garden composter that turns kitchen waste into soil.'],
        ['Kitchen Compost Caddy', 'A small food waste bin with a charcoal filter lid.'],
      ),
      kind(
        'lamp',
        ['Solar Garden Lights', 'Eight solar path lights that switch on at dusk.'],
        ['Solar String Lights', 'Warm white solar fairy lights for a patio or tree.'],
      ),
      kind(
        'rake',
        ['Leaf Rake', 'A wide rake for gathering autumn leaves from the lawn.'],
        ['Lawn Rake', 'A metal spring-tine rake for moss and thatch in grass.'],
      ),
    ],
  },
  {
    name: 'Office',
    code: 'offc',
    color: '#334155',
    priceRange: [299, 9999],
    kinds: [
      kind(
        'notebook',
        ['A5 Dotted Notebook', 'A hardback dotted journal with 200 pages of thick paper.'],
        ['Spiral Lined Notebook', 'A pack of three A4 lined notebooks for school and meetings.'],
      ),
      kind(
        'pen',
        ['Fountain Pen', 'A steel fountain pen with a fine nib and ink cartridges.'],
        ['Gel Pen Set', 'Twelve smooth gel ink pens in assorted colours.'],
      ),
      kind(
        'lamp',
        ['LED Desk Lamp', 'A dimmable desk lamp with a flexible arm and USB charging port.'],
        ['Clip-On Reading Light', 'A small clip lamp for a desk, shelf or bed.'],
      ),
      kind(
        'stapler',
        ['Heavy-Duty Stapler', 'A metal stapler that binds up to 50 sheets, with staples.'],
        ['Hole Punch', 'A two-hole paper punch for ring binders.'],
      ),
      kind(
        'folder',
        ['Desk File Organizer', 'A mesh desk organiser with five trays for papers and mail.'],
        ['Expanding File Folder', 'A 13-pocket document folder with tabs for bills and receipts.'],
      ),
      kind(
        'whiteboard',
        ['Magnetic Whiteboard', 'A 90 × 60 cm dry-erase whiteboard with markers and magnets.'],
        ['Cork Notice Board', 'A framed pin board for notes, photos and to-do lists.'],
      ),
      kind(
        'notes',
        ['Sticky Notes Pack', 'Twelve pads of sticky notes in bright colours.'],
        ['Index Tabs and Flags', 'Page markers and tabs to flag pages in books and files.'],
      ),
      kind(
        'board',
        ['Felt Desk Mat', 'A large desk pad in wool felt for keyboard and mouse.'],
        ['Leather Desk Pad', 'A smooth vegan leather writing pad to protect the desk.'],
      ),
      kind(
        'label',
        ['Label Maker', 'A handheld label printer for folders, cables and shelves.'],
        ['Printer Paper A4', 'A box of 2,500 sheets of white A4 copy paper.'],
      ),
      kind(
        'pen',
        ['Canvas Pencil Case', 'A zip pencil case with room for pens, pencils and a ruler.'],
        ['Coloured Pencils Set', 'Forty-eight coloured pencils for drawing and colouring.'],
      ),
      kind(
        'monitor',
        ['Monitor Riser', 'A wooden monitor stand that lifts the screen to eye level.'],
        ['Laptop Stand', 'An aluminium laptop stand for a better posture at the desk.'],
      ),
    ],
  },
  {
    name: 'Grocery',
    code: 'groc',
    color: '#92400e',
    priceRange: [249, 2999],
    kinds: [
      kind(
        'bag',
        ['Espresso Coffee Beans 1 kg', 'Dark roast whole coffee beans with notes of cocoa, for espresso.'],
        ['Organic Ground Coffee', 'Medium roast ground coffee for filter and cafetière.'],
      ),
      kind(
        'cup',
        ['Japanese Green Tea', 'Loose-leaf sencha green tea with a fresh grassy taste.'],
        ['English Breakfast Tea', 'Eighty strong black tea bags for the morning cuppa.'],
      ),
      kind(
        'bottle',
        ['Extra Virgin Olive Oil', 'Cold-pressed olive oil from Crete for salads and cooking.'],
        ['Balsamic Vinegar of Modena', 'Aged balsamic vinegar for dressings and drizzling.'],
      ),
      kind(
        'chocolate',
        ['Dark Chocolate 70%', 'Fair-trade dark chocolate bar with 70 % cocoa.'],
        ['Milk Chocolate Hazelnut', 'A creamy milk chocolate bar with whole roasted hazelnuts.'],
      ),
      kind(
        'pot',
        ['Wildflower Honey', 'Raw runny honey from wildflower meadows, 450 g jar.'],
        ['Strawberry Jam', 'Strawberry jam made with whole fruit and less sugar.'],
      ),
      kind(
        'bag',
        ['Durum Wheat Spaghetti', 'Bronze-cut Italian spaghetti pasta, 1 kg.'],
        ['Wholewheat Penne Pasta', 'Whole grain penne pasta high in fibre.'],
      ),
      kind(
        'bag',
        ['Crunchy Granola', 'Oat granola with almonds and honey for breakfast.'],
        ['Muesli with Berries', 'Swiss-style muesli with dried berries and seeds.'],
      ),
      kind(
        'chili',
        ['Habanero Hot Sauce', 'A fiery chilli hot sauce with habanero and mango.'],
        ['Sriracha Chilli Sauce', 'Garlic chilli sauce for noodles, eggs and burgers.'],
      ),
      kind(
        'bag',
        ['Basmati Rice 2 kg', 'Long-grain basmati rice, fragrant and fluffy.'],
        ['Arborio Risotto Rice', 'Italian short-grain rice for a creamy risotto.'],
      ),
      kind(
        'bottle',
        ['Pure Maple Syrup', 'Grade A Canadian maple syrup for pancakes and waffles.'],
        ['Agave Syrup', 'A mild sweetener syrup for tea, coffee and baking.'],
      ),
      kind(
        'pot',
        ['Flaky Sea Salt', 'Hand-harvested sea salt flakes to finish any dish.'],
        ['Black Peppercorns', 'Whole black pepper for the grinder, bold and aromatic.'],
      ),
    ],
  },
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

/**
 * SKUs number the first version of each kind 001–011 and the second 012–022; price and stock follow from
 * the SKU alone, so renaming a product keeps them.
 */
export function seedCatalog(): SeedProduct[] {
  const out: SeedProduct[] = [];
  for (const cat of SEED_CATEGORIES) {
    let n = 0;
    for (const version of [0, 1] as const) {
      for (const k of cat.kinds) {
        n++;
        const sku = `${cat.code.toUpperCase()}-${String(n).padStart(3, '0')}`;
        const h = hash(sku);
        const [min, max] = cat.priceRange;
        // Prices end in 99 like a shop's would.
        const priceMinor = Math.floor((min + (h % (max - min))) / 100) * 100 + 99;
        const [name, description] = k.versions[version];
        out.push({
          sku,
          name,
          description,
          category: cat.name,
          imagePath: `/assets/products/${sku.toLowerCase()}.svg`,
          icon: k.icon,
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
