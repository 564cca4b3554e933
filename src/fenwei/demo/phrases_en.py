"""English phrase bank of the demo community (a dev-tool Discord-style group).

Same keys and slot conventions as :mod:`fenwei.demo.phrases_zh`; ``TOPIC``
is the Lumen CLI community's own bank.
"""

from __future__ import annotations

from typing import Any

SLOTS: dict[str, list[str]] = {
    "pos": [":)", "🙌", "🎉", "👍", "❤️", ":D", "🚀", "🔥", "💯", "✨", "😄", "🙏"],
    "neg": [":(", "😩", "🙄", "😤", "😞", "ugh", "🤦", "💀"],
    "fun": ["lol", "😂", "haha", "🤣", "lmao", "😅", "xD", "🙃"],
    "food": [
        "ramen",
        "tacos",
        "pizza",
        "pho",
        "a burrito",
        "sushi",
        "curry",
        "dumplings",
        "pancakes",
        "a bagel",
        "pad thai",
        "leftovers",
        "a salad",
        "bbq",
        "noodles",
    ],
    "drink": [
        "coffee",
        "cold brew",
        "tea",
        "an espresso",
        "a flat white",
        "matcha",
        "energy drink",
    ],
    "weather": [
        "raining",
        "sunny",
        "freezing",
        "super windy",
        "foggy",
        "humid",
        "snowing a bit",
        "finally cooling down",
        "weirdly warm",
    ],
    "city": [
        "Berlin",
        "Austin",
        "Toronto",
        "Lisbon",
        "Bangalore",
        "Seattle",
        "London",
        "Melbourne",
        "Denver",
        "Warsaw",
        "Singapore",
        "Portland",
    ],
    "pet": ["cat", "dog", "corgi", "puppy", "two cats", "rabbit"],
    "activity": [
        "hiking",
        "climbing",
        "a long run",
        "cycling",
        "gardening",
        "a board game night",
        "a hackathon",
        "a trip to the lake",
        "baking bread",
    ],
    "show": [
        "the game last night",
        "that new sci-fi series",
        "the keynote",
        "the F1 race",
        "the finale",
    ],
    "day": ["today", "yesterday", "this weekend", "last night", "this morning"],
    "dept": ["the core team", "the docs team", "support", "the CLI team", "the cloud team"],
    "gift": ["free Nitro", "a $50 gift card", "free crypto", "a free iPhone", "100 free followers"],
    "dg_item": ["Netflix accounts", "followers", "AI courses", "cheap VPS", "sneakers", "watches"],
    "loan": ["instant loans", "a credit boost"],
    "money": ["200", "500", "1000", "300"],
    "trip": ["the coast", "the mountains", "Yosemite", "the lake district", "Kyoto", "Iceland"],
    "pet_act": [
        "stole my sandwich",
        "is sleeping on my laptop",
        "knocked my coffee over",
        "learned to open doors",
        "is judging my code",
        "chased its tail for 10 minutes",
    ],
    "feel": [
        "totally recharged",
        "exhausted but happy",
        "sore everywhere",
        "in a great mood",
        "so sleepy",
    ],
    "opinion": [
        "could not stop watching",
        "the ending was meh",
        "laughed way too hard",
        "surprisingly good",
        "overrated imo",
    ],
    "kid_act": [
        "learned to ride a bike today",
        "wants to be a programmer now",
        "drew a picture of my laptop",
        "lost a tooth",
    ],
}

CHAT_MORNING = [
    "morning all {pos}",
    "good morning folks",
    "gm",
    "gm gm {pos}",
    "morning! {drink} first, code later",
    "morning from {city}, it's {weather} here",
    "mornin'",
    "good morning, standup in 10 {neg}",
    "morning everyone, {drink} #2 already",
    "gm, who else is up early",
]
CHAT_NOON = [
    "lunch break, having {food}",
    "{food} for lunch {pos}",
    "anyone else eating at their desk again {fun}",
    "post-lunch slump is real {neg}",
    "grabbing {food}, brb",
]
CHAT_EVENING = [
    "evening all",
    "finally logging off {pos}",
    "long day, time for {food}",
    "just got back from {activity}",
    "watching {show} {fun}",
    "catching up on {show} tonight",
    "done for the day, see you tomorrow",
    "shipped it, time for {food} {pos}",
]
CHAT_NIGHT = [
    "good night everyone",
    "why am I still up {fun}",
    "late night debugging session {neg}",
    "gn all {pos}",
    "one more commit and then bed",
    "night owls unite {fun}",
]
CHAT_ANY = [
    "it's {weather} in {city} today",
    "my {pet} just walked across my keyboard {fun}",
    "went {activity} {day}, legs are dead",
    "happy friday {pos}",
    "monday again {neg}",
    "so relatable {fun}",
    "ha, classic",
    "big mood",
    "that's wild {fun}",
    "love this community {pos}",
    "{food} is underrated, fight me {fun}",
    "heading to {trip} next week {pos}",
    "weekend plans: {activity} and zero laptops",
    "coffee count today: too many",
    "my {pet} says hi {pos}",
    "time flies",
    "my {pet} {pet_act} {fun}",
    "just got back from {activity}, {feel}",
    "watched {show} {day}, {opinion}",
    "{n} meetings today, brain is mush {neg}",
    "had {food} for the third time this week {fun}",
    "{city} is {weather} again {neg}",
    "kid {kid_act} {pos}",
    "finally a quiet day",
    "my {drink} went cold again {fun}",
    "new keyboard arrived {pos}",
    "{day} I touched grass, 10/10 would recommend",
    "internet is down at home, tethering from my phone {neg}",
    "back from {trip}, already miss it",
    "rainy day = coding day",
    "office is freezing, wearing a hoodie indoors {fun}",
]
REACT = [
    "lol",
    "haha",
    "😂",
    "{fun}",
    "{pos}",
    "+1",
    "same",
    "true",
    "fair enough",
    "this is the way",
    "brb",
    "back",
    "TIL",
    "agreed",
    "interesting",
    "oh nice",
    "good point",
]
CHAT_LEAD = ["", "", "", "", "ok so ", "honestly ", "fun fact: ", "lol ", "random but ", "update: "]
CHAT_TAIL = ["", "", "", "", " {fun}", "!", " {pos}", "...", " haha", " tbh"]
Q_LEAD = [
    "",
    "",
    "",
    "hey all, ",
    "quick one: ",
    "sorry if this is obvious, ",
    "hi! ",
    "help pls: ",
]
Q_TAIL = ["", "", "", " thanks!", " 🙏", " thx in advance", " been stuck for an hour"]
A_LEAD = ["", "", "", "", "oh, ", "yeah, ", "easy: ", "hey, "]
A_TAIL = ["", "", "", " 👍", " — lmk if that works", " hth", " :)"]
P_TAIL = ["", "", "", " {pos}", "!", " 🙏"]
FOLLOWUP = [
    "anyone?",
    "bump, anyone know?",
    "still stuck on this {neg}",
    "anyone seen this before?",
    "bumping this",
]

HELLO = [
    "hi everyone {pos}",
    "hey all, new here",
    "hello! just found this server",
    "hi folks, long-time lurker, first post",
    "hey, joined from the docs link {pos}",
    "hello from {city}",
]
WELCOME = [
    "welcome @{name}! {pos}",
    "hey @{name}, welcome aboard",
    "welcome @{name}, glad to have you",
    "@{name} welcome! ask anything",
    "welcome to the club @{name} {pos}",
    "@{name} hi and welcome, #help is the best place for questions",
    "glad you're here @{name}",
    "welcome @{name}! check the pinned FAQ when you get a sec",
    "o/ @{name} welcome",
]
GROUP_WELCOME = [
    "welcome to all the new folks {pos}",
    "big wave of newcomers today, welcome everyone!",
    "welcome new people, say hi {pos}",
]
STAFF_WELCOME = [
    "Welcome @{name} to {group}! {value}. Quick rules: {rules_short}. Ping me anytime {pos}",
    "Hey @{name}, welcome! I'm {staff_name} from the team. {value}. Pinned messages have the rules.",
    "@{name} welcome aboard {pos} {value} — no question is too basic here.",
]
CURT_WELCOME = [
    "@{name} welcome. read the FAQ before asking.",
    "welcome @{name}, rules are pinned.",
]

PRAISE_ADDR = [
    "@{name} thanks! {pos}",
    "thanks @{name}, that fixed it",
    "@{name} you're a lifesaver {pos}",
    "@{name} great tip, thanks",
    "thank you @{name}, worked perfectly",
    "@{name} legend {pos}",
    "@{name} appreciate it!",
    "@{name} super helpful, thanks a lot",
    "@{name} nice one, bookmarking this",
    "@{name} awesome writeup {pos}",
    "@{name} this is gold, thank you",
    "cheers @{name} {pos}",
]
PRAISE_PHOTO = [
    "@{name} that setup looks amazing {pos}",
    "@{name} clean screenshot, thanks for sharing",
    "@{name} love the theme {pos}",
]
STAFF_THANKS = [
    "Huge thanks to @{name} for this share — super useful for everyone {pos}",
    "@{name} thanks for jumping in to help, you rock {pos}",
    "@{name} this is great, adding it to the community showcase {pos}",
    "Shoutout to @{name} for the excellent answer {pos}",
]

QUESTION_HOWTO = [
    "how do I {feature}?",
    "anyone know how to {feature}?",
    "quick q: how do you {feature}?",
    "is there a way to {feature}?",
    "noob question, how do I {feature}?",
    "can someone explain how to {feature}?",
    "what's the right way to {feature}?",
    "struggling to {feature}, any pointers?",
    "hey, how can I {feature}?",
]
ANSWER_HOWTO = [
    "{step}",
    "try this: {step}",
    "{step}, worked for me",
    "you can {step}",
    "{step} — it's in the docs too",
    "I had the same issue, {step}",
    "{step}, then restart the daemon",
    "easiest way: {step}",
]
IMPATIENT = [
    "read the docs.",
    "it's in the FAQ, literally pinned.",
    "again? {step}. scroll up.",
    "how many times... {step}",
]

COMPLAINT_PREFIX = ["", "", "ugh, ", "honestly, ", "so frustrating: ", "not gonna lie, ", "sigh. "]
COMPLAINT_SUFFIX = [
    "",
    " {neg}",
    ". so disappointed",
    "!!",
    ". this is getting old",
    ". really annoying",
]
PILEON = [
    "same here {neg}",
    "+1, happening to me too",
    "yep, broken for me as well",
    "can confirm, super annoying",
]
CRITICISM_PREFIX = [
    "",
    "suggestion: ",
    "feature request: ",
    "small idea: ",
    "proposal: ",
    "feedback: ",
]
CRITICISM_SUFFIX = ["", " 🙏", ". would save a lot of time", ", just my two cents", "."]
CRIT_PLUS = ["+1", "seconded", "same thought", "agreed"]
STAFF_CARE = [
    "@{name} sorry about that — can you DM me your lumen version and logs? I'll get {dept} on it",
    "@{name} that's not the experience we want, opening an issue now and I'll follow up with you",
    "@{name} thanks for flagging, sorry for the trouble. I've pinged {dept}, will update you today",
]
STAFF_DISMISS = [
    "@{name} works fine for everyone else, check your setup",
    "@{name} that's not a bug, read the docs",
    "@{name} please don't vent here, open a ticket",
]
CRIT_ACK = [
    "@{name} great suggestion, thanks! filed it for {dept} {pos}",
    "@{name} love this idea, added to the roadmap discussion",
    "thanks @{name}, really concrete feedback — passing it to {dept}",
]
CRIT_BRUSH = ["@{name} noted, but probably won't happen"]

RULES = [
    "Friendly reminder: {rules}",
    "Reminder: {rules_short}. Thanks all {pos}",
    "Please keep it kind — no personal attacks, no self-promo or ads.",
    "New here? Rules are pinned: be kind, no spam or ads, questions go to #help.",
    "Heads up: unsolicited DMs and ads get you banned. Report them to a mod.",
]
RULES_AFTER_AD = [
    "@{name} no ads here, removed. Everyone: don't click unknown links.",
    "Removed a spam account. Please don't DM strangers offering deals.",
    "@{name} spam isn't allowed, you've been removed",
]
RULES_AFTER_FIGHT = [
    "@{a} @{b} let's keep it civil — no personal attacks, please take it to DMs or drop it",
    "@{a} @{b} cool it, both of you. Rule 1 is be kind.",
    "Hey @{a} @{b}, attack the problem, not each other. Last warning.",
]
CALM = [
    "chill folks",
    "let's not do this here",
    "ok ok, everyone take a breath",
    "come on, be nice",
]

ADS = [
    "DM me for cheap {dg_item}, best prices",
    "🚀 crypto signals with 300% gains, join t.me/{vx}",
    "free {gift}!!! claim here {url}",
    "I help people make $5k/week from home, DM me",
    "selling {dg_item}, legit, contact {vx} on telegram",
    "earn {money} USD daily, no experience needed, message me",
    "get {gift} now 👉 {url}",
    "investment opportunity, guaranteed returns, whatsapp {vx}",
    "hiring remote data entry, {money}/day, add {vx}",
]
FLOOD_EXTRA = [
    "free {gift} here {url}",
    "DM ME for {dg_item}",
    "limited offer!!! {url}",
    "only {n} spots left, whatsapp {vx}",
]
ATTACK_OPEN = [
    "@{name} maybe learn to read the docs before whining",
    "@{name} skill issue tbh, stop blaming the tool",
    "@{name} nobody cares about your rant, idiot",
]
ATTACK = [
    "@{name} shut up, nobody asked",
    "@{name} you're an idiot",
    "@{name} wow you're dumb",
    "@{name} go troll somewhere else, clown",
    "@{name} are you stupid or just pretending?",
    "@{name} get lost, loser",
    "@{name} you clearly have no clue what you're talking about, moron",
    "@{name} pathetic",
    "@{name} stop being such a clown",
]
ATTACK_SUFFIX = ["", "", "!", " 🙄", ". seriously"]

NAME_FIRST = [
    "alex",
    "Priya",
    "marco",
    "jenny",
    "tobi",
    "Sam",
    "kat",
    "dmitri",
    "noor",
    "Lena",
    "ravi",
    "chris",
    "Mateo",
    "yuki",
    "Omar",
    "hannah",
    "Felix",
    "ines",
    "Jonas",
    "mei",
    "Diego",
    "sara",
    "Tom",
    "aisha",
    "Nils",
    "Ken",
    "Olivia",
    "ben",
    "zoe",
    "Lucas",
    "Ada",
    "Hugo",
    "ivy",
    "Ethan",
    "farah",
    "George",
    "nina",
    "paul",
    "Rosa",
]
SPAM_NAMES = [
    "crypto_king",
    "Free Nitro",
    "promo_bot",
    "Investor Anna",
    "deals4u",
    "FX signals",
    "support-team",
]
NAME_STYLE = [
    "{f}",
    "{f}_dev",
    "{f}.codes",
    "{f} {i}.",
    "{f}{d}",
    "the_{f}",
    "{f}-ops",
    "{f}_builds",
    "{f}🦀",
]

TOPIC: dict[str, Any] = {
    "slots": {
        "ver": ["2.3.0", "2.4.1", "2.5.0-beta", "2.4.3"],
        "os": ["macOS", "Windows", "Ubuntu", "WSL", "Arch", "Fedora"],
        "plugin": [
            "lumen-docker",
            "lumen-rust",
            "lumen-k8s",
            "lumen-py",
            "lumen-theme-nord",
            "lumen-notify",
        ],
        "tip": [
            "`lumen watch --changed` only rebuilds what you touched, huge time saver",
            "set `cache.dir` to a ramdisk and builds fly",
            "`lumen doctor` catches 90% of config problems",
            "alias `lb` to `lumen build --quiet`, thank me later",
            "pin the plugin versions in lumen.toml, saves you on upgrades",
            "the `--profile` flag shows which step is slow",
        ],
        "impression": [
            "builds went from 4 minutes to 50 seconds",
            "remote cache just works",
            "the new config validation caught two typos",
            "shell completion is buttery",
            "memory use is way lower",
        ],
    },
    "features": [
        (
            "set up the remote cache",
            'add `cache.remote = "s3://bucket"` to lumen.toml and run `lumen cache login`',
        ),
        (
            "enable shell completion",
            "run `lumen completions zsh > ~/.zfunc/_lumen` and reload your shell",
        ),
        ("install a plugin", "`lumen plugin add <name>`, it updates lumen.toml for you"),
        ("run only the changed targets", "use `lumen build --changed`"),
        (
            "debug a slow build",
            "run with `--profile` and open the generated trace.json in the viewer",
        ),
        (
            "use lumen in GitHub Actions",
            "use the official `lumen/setup-action@v2` and cache `~/.lumen`",
        ),
        ("change the theme", "set `ui.theme` in ~/.config/lumen/config.toml"),
        ("clear the cache", "`lumen cache prune --all`"),
        (
            "upgrade to the latest version",
            "`lumen self update`, or brew upgrade lumen if you used brew",
        ),
        ("set env vars per target", "add an `[target.env]` table in lumen.toml"),
        ("run lumen behind a proxy", "export HTTPS_PROXY before running, lumen respects it"),
    ],
    "qa": [
        (
            ["does lumen work on {os}?", "anyone running lumen on {os}?"],
            [
                "yep, been using it on {os} for months",
                "works on {os}, just install via the script in the docs",
            ],
        ),
        (
            ["is {plugin} stable enough for prod?", "anyone using {plugin}?"],
            [
                "we run {plugin} in prod, no issues so far",
                "{plugin} is solid, pin the version though",
            ],
        ),
        (
            ["what's new in {ver}?", "should I upgrade to {ver}?"],
            [
                "{ver} mostly speeds up cold builds, worth it",
                "changelog is on the releases page, {ver} fixed the watch bug",
            ],
        ),
    ],
    "shares": [
        "sharing my setup: {tip}",
        "tip: {tip}",
        "just upgraded to {ver} — {impression} {pos}",
        "wrote a small guide on {plugin}, hope it helps: https://blog.example.dev/{slug}",
        "made a plugin for our team, open sourced it: https://github.com/example/{slug}",
        "after a month with lumen: {impression}, {impression}",
        "here's my lumen.toml for a monorepo, feel free to copy [image]",
        "pro tip: {tip}",
    ],
    "complaints": [
        "{ver} broke my builds again",
        "the watch mode keeps crashing on {os}",
        "docs for plugins are useless, spent 2 hours on nothing",
        "remote cache has been down all morning and no status update",
        "every upgrade breaks something",
        "support hasn't replied to my ticket in {n} days",
        "memory leak is back in {ver}, my laptop is melting",
    ],
    "criticisms": [
        "`lumen doctor` could print a link to the relevant docs page for each problem it finds",
        "add a `--dry-run` to `cache prune` so we can see what gets deleted first",
        "show the plugin compatibility matrix on the plugin page instead of the changelog",
        "make the error for a bad lumen.toml show the line number, right now you have to guess",
        "the upgrade command could warn when a plugin is incompatible with the new version",
        "publish a status page for the remote cache so we know when it's down",
    ],
    "brand_praise": [
        "lumen is honestly the best build tool I've used {pos}",
        "{ver} is so fast, great job team {pos}",
        "the team ships so fast, kudos {pos}",
        "love how responsive the maintainers are here",
    ],
    "staff_shares": [
        "📢 lumen {ver} is out! faster cold builds and a new `--changed` flag. Changelog in #announcements",
        "Community call this Thursday 5pm UTC — we'll demo the new remote cache {pos}",
        "New guide: migrating from make to lumen, link pinned",
        "We're looking for feedback on the plugin API, thread in #dev",
    ],
    "hello": [
        "hi all, just switched our team to lumen",
        "hey, evaluating lumen for our monorepo {pos}",
    ],
}
