"""Step 2: picture derivatives. Layer: above settings and records/, below pages/."""
