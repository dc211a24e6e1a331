// Our own additions to the open name lists (build-lists.ts). The open lists are recent
// children's names (faker's nl locale, Statbel's Flemish lists); the residents practitioners
// write about are as often grandparents and people who came to the Netherlands as adults.
// Written for this project from common knowledge of Dutch naming; same licence as the project.

/** First names of older Dutch generations, nicknames, and names common among Dutch residents of
 *  Turkish, Moroccan, Surinamese, Antillean, Cape Verdean, Somali, Syrian and Eritrean origin. */
export const EXTRA_FIRST_NAMES = `
Aad Aafke Aagje Adrie Adri Agaath Agnes Akke Albertha Alie Aliena Annelies Annemarie Annie Anneke Annet Annette Ans Antje Arend Arie Aris Arjen
Astrid Ada Bart Bep Bea Beppie Bernadette Berend Bert Bertha Bertus Betsie Betty Bianca Bram Brenda Carla Carolien Cees Chantal Christa Cobie Coby
Cock Coen Conny Cor Cora Corrie Corné Daan Diny Dick Diederik Dineke Dini Dirk Dolf Dorien Dory Eddy Ed Edwin Egbert Els Elly Elsje Emmy Erna
Ernst Evert Fenna Femke Fenne Ferdinand Frans Frits Gea Geert Geertje Gerard Gerda Gerben Gerrit Gert Gerrie Gert-Jan Gijs Gonny Greet Greetje
Grietje Guus Hanneke Hannie Hans Harm Harrie Harry Hein Hendrik Henk Hennie Herman Hetty Hilde Hilly Hanna Ina Ineke Inge Ingrid Irma Jaap Jacqueline
Jan-Willem Janny Jannie Jantje Jeanette Jelle Jenny Joke Jolanda Joop Joost Jopie Joris Jos Josje Joyce Jurgen Jurriaan Karel Karin Kees Klaas
Klazina Koos Leen Leo Lia Lidwien Liesbeth Lenie Lies Loes Louis Lucas Marcel Margreet Marianne Marijke Marja Marjan Marjolein Marleen Marloes Martijn
Martin Martine Mieke Miep Mies Monique Nel Nelleke Nelly Niek Nico Nienke Paula Peter Petra Piet Pieter Quirine Rein Riek Riet Rietje Rik Rina Rinus
Ria Rob Robbert Roel Ronald Rudi Ruud Sandra Sjaak Sjoerd Sjaan Stijn Suus Theo Thea Tiny Toon Toos Ton Truus Trees Trijntje Ultje Wies Wil
Willy Wim Wout Wouter Yvonne Ykje Ad Annelien Danielle Dewi Desiree Ellen Esther Frank Hanny Jolande Kim Lisette Mariska Maaike Mirjam Natasja
Patricia Priscilla Ricardo Romano Sharon Shirley Tamara Wendy Xiomara Dayenne Gerdien Hiske Jildou Sietske Tjitske Wietske Rixt Auke Tjeerd Wiebe
Ayşe Ayse Aysel Aynur Bülent Burak Cem Derya Dilek Ebru Emine Emre Esra Fadime Fatma Gül Gülsen Gülşen Hakan Hatice Hülya Hüseyin Kemal Kerem
Leyla Mehmet Melek Meryem Murat Necla Nurcan Osman Özlem Selin Serkan Sevda Sevgi Songül Tuba Tülay Yasemin Zehra Zeynep Erdal Ercan Ferhat
Abdel Abdelkader Abdellah Abdelhak Abderrahim Abdou Amal Asmae Aziz Bouchra Brahim Driss Fatiha Fouad Habiba Hafida Hakim Hamid Hanane Hassan
Houda Ikram Jamal Karim Khadija Khalid Latifa Loubna Malika Mimoun Mina Mohamed Mohammed Mostafa Mustapha Nadia Naima Najat Nordin Rachid
Redouan Saida Said Samira Sanae Soufiane Touria Yassine Youssef Zakaria Zineb Zohra Anouar Achraf Ilham Halima Hayat Fatima Rachida Sanaa Bilal
Anand Ashwin Dewkumari Gaitri Kiran Radjesh Rakesh Sita Soenita Sunita Usha Vinod Marlon Dwayne Glenn Iwan Ruben Roy Romeo Rudy Winston Humberto
Jandino Shurandy Gregory Jurgen Xaviera Zoila Carmelita Aicha Ayaan Abdi Abdirahman Farah Hodan Hawa Ifrah Warsame Yasmin Ahmad Amjad Bashar
Ghada Hala Husam Khaled Lina Mahmoud Rami Rania Rasha Samer Tarek Wael Yara Yazan Abrham Feven Filmon Helen Merhawi Senait Tesfay Tsega Yonas
Willemijn Petronella Jacoba Johanna Hendrika Geertruida Wilhelmina Cornelia Adriana Margaretha Jantina Hillegonda
Evelien Mariëlle Marieke Saskia Suzanne Manon Mireille Nathalie Ilona Judith Marjolijn Miranda Renske Rianne Simone
Tanja Wilma Willeke Yolanda Brigitte Claudia Anja Angelique Ank Annemiek Bernadet Carolien Daniëlle Dorien Elise
Elske Femmy Gerdie Hermien Ilse Inge Irene Janneke Jikke Jorien Karlijn Kirsten Lidewij Linda Lonneke Madelon Marlies
Mieke Mirjam Nanda Nicolette Noortje Paulien Reina Renate Rina Roelie Sientje Sylvia Trudy Vera Wendela Wies Wilhelmien
Adrianus Cornelis Hendrikus Johannes Petrus Wilhelmus Jacobus Gerardus Theodorus Antonius Bernardus Franciscus Arjan
Bastiaan Dennis Edwin Erwin Ferry Gerben Hugo Jeroen Koen Menno Michiel Niels Patrick Paul Remco Rick Sander Sjors
Thijs Tom Vincent Wessel Wilco Arnold Bennie Chris Eelco Eric Evert-Jan Gerjan Henri Hidde Jelmer Jos Kees-Jan Lambert
Marinus Marten Mathijs Mels Olaf Pim Reinier Rens Rutger Sietse Tijmen Timo Valentijn Wijnand Ype Ids Jisk Tjalling
Joëlle Jozef Józef Kasia Katarzyna Krzysztof Magda Małgorzata Marek Marta Piotr Tomasz Agnieszka Andrzej Ewa Dorota Lukasz Łukasz Ionela Mihai
`;

/** Surnames common in the Netherlands that the open lists lack (Dutch, Frisian, and of Turkish,
 *  Moroccan, Surinamese and Antillean origin), written as they are used after a first name. */
export const EXTRA_SURNAMES = `
Hoekstra Wijnands Pijpers Bouzid Haddou Kromowidjojo Ramdin Ramsaran Sewdien Jagesar Pinas Doelwijt Elstak Kasanwiredjo Sardjoe Biharie
Martina Isenia Cijntje Rosaria Koeiman Yıldırım Yildirim Yilmaz Yılmaz Kaya Demir Çelik Celik Şahin Sahin Aydın Aydin Öztürk Ozturk Arslan
Doğan Dogan Kılıç Kilic Aslan Çetin Cetin Kara Koç Koc Kurt Özdemir Ozdemir Polat Erdoğan Erdogan Acar Güneş Gunes Bozkurt Ünal Unal
El Amrani El Idrissi El Khattabi El Ouali Ouali Amrani Bakkali Benali Ben Ali Boukhari Bouzidi Chaoui Daoudi El Bakkali El Hamdaoui
Haddouchi Mansouri Ouarghi Saidi Tahiri Ziani Azzouzi Belhaj Bouhali Lamrani Chakir Ait Taleb Ait Hamou Achahbar Aboutaleb Bennani
Hoekman Hoogendoorn Hoogeveen Kuipers Prins Peters Smits Schouten Bosch Veenstra Kuiper Vink Post Groen Vos Willemse Verbruggen Koster
Verhoef Dijkman Brink Boersma Bakker Wijnberg Zwart Stam Blokker Heijnen Hendriks Hermsen Rutten Vos Timmer Vonk Klaassen Pronk Wouters
Roos Groot Dijkhuis Velthuis Nijhuis Morshuis Vermeer Versteeg Verschoor Verweij Haverkamp Kamphuis Kuijpers Wijnen Bos Brands Tromp Dam
`;
