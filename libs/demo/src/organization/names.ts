/** Name pools for the demo's people: varied enough for 500 distinct names. */
export const FIRST_NAMES = [
  'Ada', 'Ben', 'Chloe', 'Dev', 'Elif', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kemi', 'Lars', 'Maya', 'Nils', 'Olga',
  'Priya', 'Quinn', 'Rafael', 'Sara', 'Tomasz', 'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'Amara', 'Bruno', 'Carla',
  'Diego', 'Emma', 'Finn', 'Gita', 'Hana', 'Ivan', 'Jana', 'Kai', 'Lena', 'Marco', 'Noor', 'Oscar', 'Paula', 'Rui', 'Sven',
  'Tara', 'Ugo', 'Vera', 'Will', 'Yara', 'Zeynep', 'Aiko', 'Bilal', 'Cleo', 'Dara', 'Eitan', 'Freya', 'Goran', 'Helga', 'Isaac',
  'Jin', 'Kira', 'Leon', 'Mina', 'Nadia', 'Omar', 'Pia', 'Reza', 'Sofia', 'Theo', 'Ulla', 'Valentin', 'Wiebke', 'Yann',
];

export const LAST_NAMES = [
  'Adeyemi', 'Berg', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hoffmann', 'Ito', 'Jansen', 'Kowalski', 'Lindqvist',
  'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quispe', 'Rossi', 'Schmidt', 'Tanaka', 'Umarov', 'Varga', 'Weber', 'Xu', 'Yilmaz',
  'Zimmermann', 'Almeida', 'Bauer', 'Chen', 'Demir', 'Ekström', 'Ferreira', 'Gupta', 'Horvat', 'Ivanova', 'Jovanovic', 'Kim',
  'Lopez', 'Meyer', 'Novak', 'Oliveira', 'Park', 'Richter', 'Santos', 'Torres', 'Ueda', 'Vogel', 'Wagner', 'Young', 'Zhang',
];
