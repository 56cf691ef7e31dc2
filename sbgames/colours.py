"""The colours of every sbgames figure: the colour-blind-safe palette of Okabe and Ito (2008).

Examples
--------
>>> OKABE_ITO["blue"], PALETTE[4] == OKABE_ITO["blue"]
('#0072B2', True)
"""

__all__ = ["OKABE_ITO", "PALETTE"]

#: The eight colours by name.
OKABE_ITO = {"orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7", "grey": "#999999",
             "black": "#000000"}

#: The palette for areas and curves, in a fixed order (black left out: it is kept for boundaries and outlines).
PALETTE = [OKABE_ITO[name] for name in ("orange", "sky blue", "bluish green", "yellow", "blue", "vermillion",
                                        "reddish purple", "grey")]
