"""The built-in "From object to subject" design in English: see builtin_content.py."""

from __future__ import annotations

CONTENT_EN: dict = {
    "name": "From object to subject",
    "welcome": (
        "Welcome! Today we are looking for the moments when a customer got to act for "
        "themselves instead of being processed: from object to subject."
    ),
    "phases": {
        "lobby": {
            "projector": (
                "Join with your phones: scan the QR code or type in the code. We will "
                "start in a moment."
            ),
            "phone": (
                "You're in! Sit tight: this screen changes by itself when the workshop begins."
            ),
            "minutes": 5,
        },
        "stories": {
            "projector": (
                "Write about a real service encounter. When were you handled like an "
                "object, and when could you act as a subject?"
            ),
            "phone": (
                "Write about a service encounter you really had: what happened, what "
                "the staff did and what it let you do. Then rate 1–5 how far you were "
                "a subject, not an object."
            ),
            "minutes": 15,
        },
        "practices": {
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
        "voting": {
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
        "results": {
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
    },
    "examples": [
        {
            "title": "The cashier borrowed a loyalty card from the queue",
            "happened": (
                "On holiday in Tuscany, I was buying groceries in a small local shop. "
                "At the till it turned out that many of the prices were for "
                "loyalty-card holders only, and of course I had no card. The cashier "
                "turned to the woman behind me in the queue and asked if she could "
                "borrow hers. She handed it over with a smile."
            ),
            "staff_did": (
                "The cashier didn't just tell me the discount wasn't meant for me, but "
                "found a way for me to get it anyway."
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
                "to. The cashier didn't hide behind the rule but used their ingenuity "
                "on the customer's behalf. The visitor was treated like everyone else "
                "and left the shop as a customer, not a tourist."
            ),
        },
        {
            "title": "My unwanted coupons made an old man's day",
            "happened": (
                "In the same shop, the till printed a strip of coupons for my next "
                "visit. I told the cashier I wouldn't need them, as I was flying home "
                "in a few days. The cashier passed them to the old man next in the "
                "queue, who was visibly delighted."
            ),
            "staff_did": (
                "Instead of binning the coupons, the cashier noticed who would enjoy "
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
                "To the till, the visitor was one transaction and the coupons were "
                "waste. The cashier made the visitor a giver and the old man a "
                "receiver. Two customers met each other, and neither was just a "
                "receipt number any more."
            ),
        },
        {
            "title": "The scarf that turned out to be on sale",
            "happened": (
                "I bought a scarf I had had my eye on for a long time. At the till the "
                "price came up lower than I expected: the scarf was part of a "
                "promotion I hadn't noticed. The seller said, clearly pleased, what "
                "luck that was, and seemed genuinely happy for me."
            ),
            "staff_did": (
                "The seller pointed out the discount openly and shared my delight "
                "instead of just ringing up the sale."
            ),
            "could_do": (
                "I knew I could trust the shop to look after my interests too, so I "
                "went back later without second-guessing the prices."
            ),
            "agency": 4,
            "channel": "in_person",
            "place": "A small clothes shop",
            "reading": (
                "The discount could have been a silent line on the receipt. By being "
                "glad for the customer, the seller stood on the same side of the "
                "counter: what was good for the customer was good for the seller too. "
                "The customer was a person, not a sales target."
            ),
        },
        {
            "title": "The ticket machine failed, the driver waved me on",
            "happened": (
                "I got on the bus and tried to pay by card, but the ticket machine "
                "rejected it again and again. A queue was building up behind me, and I "
                "was already expecting to be told to get off and wait for the next "
                "bus. Instead, the driver waved me to a seat and said the machine's "
                "fault was not mine."
            ),
            "staff_did": (
                "The driver took responsibility for the broken machine instead of "
                "passing the problem on to me, and settled it with a single gesture."
            ),
            "could_do": (
                "I got where I was going on time and without embarrassment, and "
                "carried on with my day as if nothing had happened."
            ),
            "agency": 4,
            "channel": "in_person",
            "place": "A city bus",
            "reading": (
                "At first the customer was an object: the machine rejected them, and "
                "by the rules they should have got off. The driver turned it around by "
                "trusting the passenger and their own judgement. The problem became "
                "the company's, and the journey was back in the passenger's hands."
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
            "could_do": (
                "My tiredness eased and I felt I was in the right place. I felt free "
                "to ask for what I needed, and got advice I wouldn't have known to ask "
                "for."
            ),
            "agency": 5,
            "channel": "in_person",
            "place": "A hotel in Chicago",
            "reading": (
                "A scripted greeting makes the guest the next number in the queue. A "
                "welcome that is meant tells the guest that they matter here. It built "
                "the trust on which the guest dared to ask, to request and to make the "
                "stay their own."
            ),
        },
        {
            "title": "The Tesla seller who talked like an owner",
            "happened": (
                "I dropped into a showroom to look at a Tesla, with no real plans to "
                "buy. The seller didn't list features. He told me what the car is like "
                "to drive in winter, how he charges his own at home and what annoyed "
                "him about it at first. He talked like an owner showing his car to a "
                "neighbour."
            ),
            "staff_did": (
                "The seller shared his own experience, the downsides included, and "
                "helped me understand instead of trying to sell."
            ),
            "could_do": (
                "I could judge for myself whether the car would fit my everyday life, "
                "and ask exactly the questions that were on my mind."
            ),
            "agency": 5,
            "channel": "in_person",
            "place": "A Tesla showroom",
            "reading": (
                "A list of features makes the customer the target of a sale. By "
                "speaking from his own experience, the seller gave the customer "
                "material for a decision of their own. The decision stayed with the "
                "customer, and that is exactly why they trusted him."
            ),
        },
        {
            "title": "The hotel answered on social media as the front desk would",
            "happened": (
                "I posted on social media about the hotel I was staying at: my room "
                "was cold, and I couldn't face going all the way down to reception "
                "about it. Within fifteen minutes the hotel replied, warmly and in its "
                "own voice, with no copied customer-service phrases. Soon there was an "
                "extra blanket and a heater at my door."
            ),
            "staff_did": (
                "The hotel answered as quickly and naturally as the front desk would "
                "have, and the person replying signed off with their first name."
            ),
            "could_do": (
                "I got it sorted from where I already was, in my own way, without "
                "having to make a separate complaint."
            ),
            "agency": 5,
            "channel": "social",
            "place": "A hotel, on social media",
            "reading": (
                "For many hotels, social media is reputation management and a "
                "complaint is a risk to be handled. Here the channel was simply "
                "another front desk: the guest chose where and how to get in touch, "
                "and was met there as a person."
            ),
        },
    ],
}
