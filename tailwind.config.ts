import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        sans: ['"Noto Sans"', '"Noto Sans CJK KR"', '"Noto Sans KR"', "system-ui", "sans-serif"],
      },
      colors: {
        brand: {
          50: "#eef6ff",
          100: "#d9eaff",
          600: "#1d5fbf",
          700: "#174c99",
          800: "#143f7d",
          900: "#102f5c",
        },
      },
    },
  },
  plugins: [],
} satisfies Config;
