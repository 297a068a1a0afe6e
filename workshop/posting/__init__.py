"""The shared core of posting activities: people post items privately, then they are
revealed. Stories and practices are built on it, and so is every posting activity after
them. Plain functions and small classes, each taking what differs as an argument:

- ``keys``: post by key, so a retried post lands once (replay);
- ``reading``: who may read an item now, its facilitator and public views, and the
  publish of one item's change to both audiences;
- ``spotlight``: one item per workshop, large on the projector and a banner on phones;
- ``reactions``: one of each kind per person per item, on other people's items;
- ``exchange``: reactions and the spotlight in a workshop's export and import.
"""
