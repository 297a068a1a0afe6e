"""The built-in "From object to subject" design in English: see builtin_content.py."""

from __future__ import annotations

from ..pulse.builtin import STATEMENTS

CONTENT_EN: dict = {
    "name": "From object to subject",
    "welcome": (
        "Welcome! Today we are looking for the moments when a customer got to act for "
        "themselves instead of being processed: from object to subject."
    ),
    "lobby": {
        "projector": (
            "Join with your phones: scan the QR code or type in the code. We will "
            "start in a moment."
        ),
        "phone": ("You're in! Sit tight: this screen changes by itself when the workshop begins."),
        "minutes": 5,
    },
    "steps": [
        {
            "activity": "pulse",
            "projector": "How true are these for us today? The answers are anonymous.",
            "phone": (
                "Rate each statement 1–5: how true is it for us today? Nobody sees what you "
                "answered."
            ),
            "minutes": 5,
            "settings": {"statements": list(STATEMENTS["en"])},
        },
        {
            "activity": "wordcloud",
            "projector": "One word: how does our customer feel at our counter?",
            "phone": (
                "One word: how does our customer feel at our counter? Send a word or a "
                "short phrase, three at most."
            ),
            "minutes": 5,
            "settings": {"is_live": False},
        },
        {
            "activity": "stories",
            "projector": (
                "Write about a real service encounter. When were you handled like an "
                "object, and when could you act as a subject?"
            ),
            "phone": (
                "Write about a service encounter you really had: what happened, what "
                "the staff did, how it was said and what it let you do. Then rate 1–5 "
                "how far you were a subject, not an object."
            ),
            "minutes": 15,
        },
        {
            "activity": "practices",
            "projector": (
                "What would we do, concretely, next week? Propose practices and link "
                "each one to the stories it comes from."
            ),
            "phone": (
                "Propose a practice we could start as soon as next week. Make it "
                "concrete, and link it to the stories that gave you the idea."
            ),
            "minutes": 20,
        },
        {
            "activity": "voting",
            "projector": (
                "Rate each practice for customer agency and ease, 1–5. Then put your "
                "dots on the ones you would start."
            ),
            "phone": (
                "Rate each practice 1–5: how much it strengthens the customer's "
                "agency, and how easy it is to start. Then spend your dots on the ones "
                "you would start."
            ),
            "minutes": 10,
        },
        {
            "activity": "results",
            "projector": (
                "Here is our shared ranking. Choose your commitments, and give each "
                "one an owner and a first step."
            ),
            "phone": (
                "See which practices rose to the top. Which of them could you take up "
                "yourself next week?"
            ),
            "minutes": 15,
        },
    ],
    "examples": [
        {
            "title": "The seller borrowed a loyalty card from the next in the queue",
            "happened": (
                "On holiday in Tuscany, I was buying groceries in a small local shop. "
                "At the till it turned out that many of the prices were for "
                "loyalty-card holders only, and of course I had no card. The seller "
                "turned to the woman behind me in the queue and asked if she could "
                "borrow hers. She handed it over with a smile."
            ),
            "staff_did": (
                "The seller didn't just tell me the discount wasn't meant for me, but "
                "found a way for me to get it anyway."
            ),
            "manner": (
                "The seller asked for the card as if it were the most natural thing in "
                "the world, and nobody in the queue sighed. I felt welcome."
            ),
            "could_do": (
                "I paid the same price as the locals and felt like a welcome customer "
                "rather than a passing tourist."
            ),
            "agency": 5,
            "channel": "in_person",
            "place": "A shop in Tuscany",
            "reading": (
                "By the rules, the visitor was an outsider the discount did not apply "
                "to. The seller didn't hide behind the rule but used their ingenuity "
                "on the customer's behalf. The visitor was treated like everyone else "
                "and left the shop as a customer, not a tourist."
            ),
        },
        {
            "title": "My unwanted coupons made an old man's day",
            "happened": (
                "In the same shop, the till printed a strip of coupons for my next "
                "visit. I told the seller I wouldn't need them, as I was flying home "
                "in a few days. The seller passed them to the old man next in the "
                "queue, who was visibly delighted."
            ),
            "staff_did": (
                "Instead of binning the coupons, the seller noticed who would enjoy "
                "them and passed them on."
            ),
            "could_do": (
                "I got to give something useful to someone who was glad of it, and "
                "walked out feeling as if I had done a small good deed myself."
            ),
            "agency": 4,
            "channel": "in_person",
            "place": "A shop in Tuscany",
            "reading": (
                "By the rules, the coupons belonged to the one the till printed them "
                "for, and unwanted they would have gone in the bin. The seller made the "
                "visitor a giver and the old man a receiver. Two customers met each "
                "other, and neither was just a receipt number any more."
            ),
        },
        {
            "title": "The scarf: no discount, until the till found one",
            "happened": (
                "I asked about a discount on a scarf, but the seller said there was "
                "none. When she rang the scarf up, the till found a discount after "
                "all. The seller gave it to me gladly."
            ),
            "staff_did": (
                "The seller didn't hold on to what she had just said, but gave me the "
                "discount the till had found straight away."
            ),
            "manner": (
                "Cheerfully, without excuses or embarrassment. She seemed genuinely happy for me."
            ),
            "could_do": (
                "I got the scarf for less and trusted the shop to look after my "
                "interests too. I was glad to go back there later."
            ),
            "agency": 4,
            "channel": "in_person",
            "place": "A small clothes shop",
            "reading": (
                "The by-the-rule moment was the first answer: there is no discount. "
                "When the till found one, the seller didn't defend her word but took "
                "the customer's side. How she did it mattered more than the words: "
                "gladly, not grudgingly."
            ),
        },
        {
            "title": "The stamping machine refused my ticket, the driver waved me to a seat",
            "happened": (
                "I got on the bus with a ticket that still had two rides left on it. "
                "The stamping machine would not take it, however often I tried. A "
                "queue was building up behind me, and I was already expecting to have "
                "to buy a new ticket. The driver cheerfully waved me to a seat."
            ),
            "staff_did": (
                "The driver didn't pass the machine's fault on to me, but settled it "
                "with a single gesture."
            ),
            "manner": (
                "Cheerfully and unhurried, with one wave of the hand. The "
                "embarrassment was gone at once."
            ),
            "could_do": (
                "I got where I was going on time and without embarrassment, and "
                "carried on with my day as if nothing had happened."
            ),
            "agency": 4,
            "channel": "in_person",
            "place": "A city bus",
            "reading": (
                "By the rules, an unstamped ticket is not valid, and the passenger "
                "should have bought a new one. The driver trusted the passenger and "
                "their own judgement: the machine's fault stayed the company's "
                "problem, and the journey was back in the passenger's hands."
            ),
        },
        {
            "title": "A hotel welcome that was meant, not recited",
            "happened": (
                "I arrived at a hotel in Chicago late in the evening after a long "
                "flight. The receptionist looked me in the eye and welcomed me in a "
                "way I actually believed. They asked about my journey and listened to "
                "the answer, even though others were waiting behind me."
            ),
            "staff_did": (
                "The receptionist didn't recite a script but spoke to me as a person. "
                "It felt as if it mattered that I had come to that very hotel."
            ),
            "manner": (
                "The words were ordinary, but the look and the unhurried voice made me "
                "believe them."
            ),
            "could_do": (
                "My tiredness eased and I felt I was in the right place. I felt free "
                "to ask for what I needed, and got advice I wouldn't have known to ask "
                "for."
            ),
            "agency": 5,
            "channel": "in_person",
            "place": "A hotel in Chicago",
            "reading": (
                "A greeting by the rules is scripted, and it makes the guest the next "
                "number in the queue. A welcome that is meant tells the guest that "
                "they matter here. It built the trust on which the guest dared to ask, "
                "to request and to make the stay their own."
            ),
        },
        {
            "title": "The Tesla seller who talked like the company's principal owner",
            "happened": (
                "I visited the Tesla showroom in San Jose. The seller answered my "
                "questions about the car as if he were the company's principal owner: "
                "“Yeah, we're coming out with…” He was as excited as the founder "
                "himself, and he knew his own part in the company's vision."
            ),
            "staff_did": (
                "The seller spoke of the company as “we” and told me where it was "
                "going and how his own work fitted in."
            ),
            "manner": (
                "With excitement, as if it were his own business: “we”, not “they”. "
                "It was catching."
            ),
            "could_do": (
                "I understood what the company was aiming for and where the car was "
                "heading, and could decide for myself whether I wanted to be part of "
                "it."
            ),
            "agency": 5,
            "channel": "in_person",
            "place": "The Tesla showroom in San Jose",
            "reading": (
                "By the rules, a seller presents the product and leaves the company's "
                "plans to head office. Here the company's culture was carried to the "
                "front line: the seller knew the vision and his own part in it. The "
                "customer got someone to talk with, not a sales pitch."
            ),
        },
        {
            "title": "The hotel answered a thank-you online as it would in the lobby",
            "happened": (
                "I was staying at a hotel on Lexington Avenue. I took a photo from the "
                "balcony and tweeted it to the hotel as a thank-you. The answer came "
                "almost as quickly and naturally as it would have in the lobby."
            ),
            "staff_did": (
                "The hotel answered my thanks at once and in its own voice, with no "
                "copied customer-service phrases."
            ),
            "manner": (
                "Warmly and naturally, like someone I knew from the front desk, not "
                "like a press release."
            ),
            "could_do": (
                "I could say thank you from where I already was, and the thanks "
                "arrived. The hotel and the web felt like one and the same place."
            ),
            "agency": 5,
            "channel": "social",
            "place": "A hotel on Lexington Avenue, on social media",
            "reading": (
                "By the rules, social media is reputation management, and messages "
                "wait in a queue until someone has time. Here online and offline were "
                "one experience: the thank-you was answered as quickly and naturally "
                "as face to face, and the guest was met as a person."
            ),
        },
        {
            "title": "The machine said no, and so did the driver",
            "happened": (
                "My ticket still had two rides left on it, but the stamping machine "
                "would not take it. The driver said the machine decides: buy a new "
                "ticket or get off. I bought a new ticket, although the old one still "
                "had rides on it."
            ),
            "staff_did": (
                "The driver pointed to the machine and the rule, and didn't look at my ticket."
            ),
            "manner": (
                "Curtly, without looking at me. I felt like a fare dodger, although I "
                "had paid for my ride."
            ),
            "could_do": "Nothing. I paid for my ride twice, or I would have had to get off.",
            "agency": 1,
            "channel": "in_person",
            "place": "A tram",
            "reading": (
                "Here the rule won: the machine's fault was the customer's to pay for. "
                "The situation was the same as on the bus where the driver waved the "
                "passenger to a seat. The difference was whose problem the fault "
                "became."
            ),
        },
        {
            "title": "Member prices for card holders only, no exceptions",
            "happened": (
                "At the supermarket till it turned out that the offer prices were for "
                "loyalty-card holders only. I asked if anything could be done. The "
                "seller said the system allows no exceptions, and charged the full "
                "price."
            ),
            "staff_did": "The seller stated the rule and moved on to the next customer.",
            "manner": (
                "Politely, but as if reading from a rule book. Her eyes were already on "
                "the next customer."
            ),
            "could_do": "I could pay or leave my shopping. I paid, and didn't go back.",
            "agency": 2,
            "channel": "in_person",
            "place": "A supermarket",
            "reading": (
                "The rule made the visitor an outsider. The seller wasn't rude, but "
                "the rule decided for her. Compare the shop in Tuscany, where the "
                "seller borrowed a card from the next in the queue."
            ),
        },
        {
            "title": "A thank-you answered by a template",
            "happened": (
                "I thanked an online shop on social media for a quick delivery. Three "
                "days later the answer came: “Thank you for your feedback. Please fill "
                "in our customer satisfaction survey.” A link to a form followed."
            ),
            "staff_did": "My message got a ready-made reply, and I was sent to a form.",
            "manner": "Politely but mechanically. The reply would have fitted anyone.",
            "could_do": (
                "I could fill in a form. My thanks were handled as if they had been a grievance."
            ),
            "agency": 2,
            "channel": "social",
            "place": "An online shop, on social media",
            "reading": (
                "By the rules, social media is a department of its own whose messages "
                "are handled in a queue. The customer was not a person but a source of "
                "feedback. Compare the hotel on Lexington Avenue, where a thank-you "
                "was answered as in the lobby."
            ),
        },
        {
            "title": "The seller handed me a brochure",
            "happened": (
                "At a car dealer's I asked what the brand had coming next. The seller "
                "said he couldn't comment on the company's plans, and handed me a "
                "brochure. He answered my other questions properly, within the "
                "brochure."
            ),
            "staff_did": "The seller answered what I asked, and nothing beyond it.",
            "manner": "Properly and politely, but like an outsider: “they”, not “we”.",
            "could_do": (
                "I got the facts I asked for and could compare cars. I got no sense of "
                "where the company was going."
            ),
            "agency": 3,
            "channel": "in_person",
            "place": "A car dealer's",
            "reading": (
                "The customer was served, but the company's culture didn't reach the "
                "front line: the seller spoke of the company like an outsider. Compare "
                "the Tesla seller, who talked like the company's principal owner."
            ),
        },
    ],
}
